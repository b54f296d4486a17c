using LeadHandoff.Leads;
using LeadHandoff.Weeks;

namespace LeadHandoff.Qualification;

public enum Refusal
{
    /// <summary>Tampered, forged, wrongly purposed, or not this owner's lead: 403.</summary>
    Forbidden,
    /// <summary>Expired link, or a lead that no longer exists (erased): 410.</summary>
    Gone,
}

/// <summary>Opening a qualify link: the lead, or why not.</summary>
public abstract record LeadAccess
{
    private LeadAccess() { }
    /// <summary><paramref name="Version"/> is the lead's ETag as read, so a decision needs no second read.</summary>
    public sealed record Granted(Lead Lead, string Version, string OwnerId, BatchWindow Window) : LeadAccess;
    public sealed record Refused(Refusal Why) : LeadAccess;
    /// <summary>The lead is someone else's now: the old link says whose, rather than "not valid".</summary>
    /// <param name="LinkOwnerId">Whose link it was: the page answers in their language.</param>
    public sealed record Reassigned(string NewOwnerName, string LinkOwnerId) : LeadAccess;
}

/// <summary>Opening a batch link: the owner's leads in that window, or why not.</summary>
public abstract record BatchAccess
{
    private BatchAccess() { }
    public sealed record Granted(IReadOnlyList<Lead> Leads, string OwnerId, BatchWindow Window) : BatchAccess;
    public sealed record Refused(Refusal Why) : BatchAccess;
}

/// <summary>The manager's team link: every lead of the week that is still held (erased people left out).</summary>
public abstract record TeamAccess
{
    private TeamAccess() { }
    public sealed record Granted(IReadOnlyList<Lead> Leads, BatchWindow Window) : TeamAccess;
    public sealed record Refused(Refusal Why) : TeamAccess;
}

public abstract record DecisionResult
{
    private DecisionResult() { }
    public sealed record Invalid(FieldErrors Errors) : DecisionResult;
    public sealed record Recorded(RecordedDecision Decision) : DecisionResult;
    /// <summary>The very same decision was already on the lead: nothing changed.</summary>
    public sealed record AlreadyRecorded(RecordedDecision Decision) : DecisionResult;
    public sealed record Changed(RecordedDecision Decision, RecordedDecision Previous) : DecisionResult;
    /// <summary>Another decision landed first; this is the lead's state now.</summary>
    public sealed record Conflict(RecordedDecision? Current) : DecisionResult;
    public sealed record Refused(Refusal Why) : DecisionResult;
}
