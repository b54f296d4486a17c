namespace LeadHandoff.Leads;

public enum Decision
{
    /// <summary>A sales-qualified lead (SQL).</summary>
    Accepted,
    Rejected,
    /// <summary>Not ready yet: back to marketing.</summary>
    Nurture,
}

/// <summary>A decision as recorded on the lead.</summary>
public sealed record RecordedDecision(
    Decision Decision,
    string? Reason,
    string? Note,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    TimeSpan? TimeToDecide,
    bool OnTime,
    int Revision);

/// <summary>When sales first decided a lead: the SLA measures this one, not later changes.</summary>
public sealed record FirstDecision(DateTimeOffset DecidedAt, TimeSpan? TimeToDecide, bool OnTime);
