
namespace LeadHandoff.Leads;

/// <summary>
/// A marketing-qualified lead as stored: one per person per batch window. Repeat submissions in the
/// same window raise <see cref="SubmissionCount"/> and update what they give, keeping what they leave empty.
/// </summary>
public sealed record Lead(
    string Id,
    string WindowId,
    LeadDetails Details,
    DateTimeOffset FirstReceivedAt,
    DateTimeOffset LastReceivedAt,
    int SubmissionCount,
    string? OwnerId = null,
    RecordedDecision? Decision = null,
    bool Unworked = false,
    FirstDecision? FirstDecision = null,
    bool Anonymised = false,
    IReadOnlyList<string>? Changes = null)
{
    /// <summary>What later submissions changed, oldest first ("phone changed from … to …").</summary>
    public IReadOnlyList<string> Changes { get; init; } = Changes ?? [];

    /// <summary>Who moved the lead to whom, and when, oldest first ("2026-12-09 10:00 UTC: Rita Rep to Sam Seller, by the sales manager").</summary>
    public IReadOnlyList<string> OwnerHistory { get; init; } = [];

    /// <summary>Set when the hot lane sent the lead to its owner ahead of the batch.</summary>
    public HotDelivery? Hot { get; init; }
}

/// <summary>A hot lead's own hand-off: when the lane routed and emailed it, and when its decision is due.</summary>
public sealed record HotDelivery(DateTimeOffset At, DateTimeOffset DueAt);
