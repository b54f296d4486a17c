namespace LeadHandoff.Email;

/// <summary>
/// The shared sales inbox that an email refused for good, or unconfirmed twice, falls back to (with
/// the manager). The team's settings name it; delivery sits below the team, so the team registers it
/// (<c>AddTeam</c>) and delivery only reads it. Without a team there is no inbox, only the manager.
/// </summary>
public sealed record SalesInbox(string? Address);
