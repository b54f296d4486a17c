namespace LeadHandoff.Qualification;

/// <summary>
/// The words of the manager's week in the manager's language (the signed-in member's, or for the
/// escalation's link the sales manager's on the roster), from <c>Resources/Html/Pages/TeamPageText(.th).resx</c>.
/// </summary>
public sealed class TeamPageText : LocalizedText<TeamPageText>;
