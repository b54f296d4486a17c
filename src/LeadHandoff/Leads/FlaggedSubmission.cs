namespace LeadHandoff.Leads;

public enum FlagKind
{
    /// <summary>Caught by the honeypot: a bot.</summary>
    Spam,

    /// <summary>Could not be verified as human (Turnstile failed or was down): kept for review, never sent to sales.</summary>
    Quarantined,
}

/// <summary>
/// A submission kept out of sales' hands. Stored as received (normalised, cut to the field limits) so
/// marketing can measure it and an admin can review it.
/// </summary>
public sealed record FlaggedSubmission(
    string Id,
    string WindowId,
    FlagKind Kind,
    string Reason,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Fields);
