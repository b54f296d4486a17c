using LeadHandoff.Qualification;

namespace LeadHandoff.Leads;

/// <summary>
/// A marketing-qualified lead as stored: one per person per batch window. Repeat submissions in the
/// same window raise <see cref="SubmissionCount"/> and replace the details with the newest.
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
    bool Anonymised = false);
