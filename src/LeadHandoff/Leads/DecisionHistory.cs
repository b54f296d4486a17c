namespace LeadHandoff.Leads;

/// <summary>One decision in a lead's history, as the audit trail and an export show it.</summary>
public sealed record DecisionHistory(
    string WindowId,
    string LeadId,
    int Revision,
    string Decision,
    string? Reason,
    string? Note,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    bool OnTime,
    string? PreviousDecision,
    string? PreviousReason,
    string? UserAgent = null);

/// <summary>A lead handed to sales and not yet decided: what the deadline check reads.</summary>
public sealed record UndecidedMarker(string LeadId, string OwnerId);

/// <summary>A privacy action on record: what, when, whose (hashed) and how much. No personal data.</summary>
public sealed record AuditRecord(string Action, DateTimeOffset At, string EmailHash, int Weeks, int Leads, int Submissions, int IndexRows);
