namespace LeadHandoff.Team;

/// <summary>What a person on the team does: reps own leads; the others see and act on the agreement.</summary>
public enum TeamRole { Rep, Manager, Marketing, Admin }
