namespace LeadHandoff.Functions.TeamWeek;

/// <summary>
/// The words of the manager's week in the manager's language (the signed-in member's, or for the
/// escalation's link the sales manager's on the roster), from <c>TeamPageText(.th).resx</c> beside it.
/// </summary>
public sealed class TeamPageText : LocalizedText<TeamPageText>;
