namespace LeadHandoff.Leads;

public enum FlagKind
{
    /// <summary>Caught by the honeypot: a bot.</summary>
    Spam,

    /// <summary>Could not be verified as human (Turnstile failed or was down): kept for review, never sent to sales.</summary>
    Quarantined,
}

/// <summary>Where a flagged submission stands in marketing's review queue.</summary>
public enum ReviewState
{
    /// <summary>Nobody has looked at it yet.</summary>
    Open,

    /// <summary>A release has begun and named its target window; a retry finishes it there.</summary>
    Releasing,

    /// <summary>It became a lead.</summary>
    Released,

    /// <summary>A person confirmed it is spam; it stays out of sales' hands and is purged with its window.</summary>
    ConfirmedSpam,
}

/// <summary>
/// A submission kept out of sales' hands. Stored as received (normalised, cut to the field limits) so
/// marketing can measure it, review it, and release it when it was a real person.
/// </summary>
public sealed record FlaggedSubmission(
    string Id,
    string WindowId,
    FlagKind Kind,
    string Reason,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The origin (scheme, host, port) of the page the form was on, when the browser said; no path or query.</summary>
    public string? Origin { get; init; }

    public ReviewState Review { get; init; } = ReviewState.Open;

    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>While releasing and after: the window the lead was stored in.</summary>
    public string? ReleaseWindowId { get; init; }

    /// <summary>After release: the lead it became (an existing lead when the person had one that week).</summary>
    public string? ReleasedLeadId { get; init; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
