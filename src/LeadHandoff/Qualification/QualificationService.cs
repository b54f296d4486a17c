using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Qualification;

/// <summary>
/// Sales' side of the agreement: open a signed link, see the lead, record a decision. Reading never
/// changes anything (mail scanners prefetch links); a decision is one conditional write.
/// </summary>
public sealed partial class QualificationService(
    LinkSigner signer,
    LeadStore store,
    DecisionStore decisions,
    BatchLedger ledger,
    SlaCalendar calendar,
    IOptions<QualificationOptions> options,
    Agreement.AgreementService agreement,
    Agreement.AgreementCache cache,
    Webhooks.WebhookEmitter webhooks,
    Team.LeadRouter router,
    TimeProvider time,
    ILogger<QualificationService> logger)
{
    /// <summary>
    /// The reject reasons of the agreement's version for the week sales is deciding now (the latest
    /// batch that went out), as this instance last read it; the settings' list before the first read.
    /// Every Open… call reads the agreement again when its copy is stale.
    /// </summary>
    public IReadOnlyList<RejectReasonOptions> Reasons =>
        cache.State?.InForce(calendar.LatestClosedWindow(time.GetUtcNow()).WeekStart).Terms.Reasons is { Count: > 0 } reasons
            ? [.. reasons.Select(r => new RejectReasonOptions { Id = r.Id, Label = r.Label, ThaiLabel = r.ThaiLabel })]
            : options.Value.EffectiveReasons;

    public async Task<LeadAccess> OpenLeadAsync(string? token, CancellationToken cancellationToken)
    {
        await agreement.RefreshAsync(cancellationToken); // the reasons this page offers and accepts
        var check = signer.Verify(token, LinkPurpose.Qualify);
        if (Refuse(check.Check) is { } refusal) return new LeadAccess.Refused(refusal);
        var parts = check.Claims!.Subject.Split('/');
        var window = parts.Length == 2 ? calendar.WindowOf(parts[0]) : null;
        if (window is null) return new LeadAccess.Refused(Refusal.Forbidden);
        var current = await store.GetVersionedAsync(window.Id, parts[1], cancellationToken);
        if (current is not { Lead.Anonymised: false } found) return new LeadAccess.Refused(Refusal.Gone);
        if (found.Lead.OwnerId != check.Claims.OwnerId)
            return found.Lead.OwnerId is { } now && router.Find(now) is { } owner ? new LeadAccess.Reassigned(owner.Name, check.Claims.OwnerId) : new LeadAccess.Refused(Refusal.Forbidden);
        return new LeadAccess.Granted(found.Lead, found.Version, check.Claims.OwnerId, window);
    }

    public async Task<BatchAccess> OpenBatchAsync(string? token, CancellationToken cancellationToken)
    {
        await agreement.RefreshAsync(cancellationToken); // the reasons this page offers and accepts
        var (week, refused) = await OpenWeekAsync(token, LinkPurpose.Batch, (lead, owner) => lead.OwnerId == owner, cancellationToken);
        return week is null
            ? new BatchAccess.Refused(refused!.Value)
            : new BatchAccess.Granted(week.Leads.OrderBy(l => l.Details.Company, StringComparer.OrdinalIgnoreCase).ToList(), week.OwnerId, week.Window);
    }

    /// <summary>Opens the manager's view of a batch week: every held lead, read only.</summary>
    public async Task<TeamAccess> OpenTeamAsync(string? token, CancellationToken cancellationToken)
    {
        await agreement.RefreshAsync(cancellationToken); // the reasons this page offers and accepts
        var (week, refused) = await OpenWeekAsync(token, LinkPurpose.Team, (_, _) => true, cancellationToken);
        return week is null ? new TeamAccess.Refused(refused!.Value) : new TeamAccess.Granted(week.Leads, week.Window);
    }

    /// <summary>A batch week for a signed-in manager: every held lead (erased people never), no link needed.</summary>
    public async Task<TeamAccess.Granted> OpenTeamWeekAsync(BatchWindow window, CancellationToken cancellationToken)
    {
        await agreement.RefreshAsync(cancellationToken); // the reasons this page offers and accepts
        var leads = new List<Lead>();
        await foreach (var lead in store.ListAsync(window.Id, cancellationToken))
            if (!lead.Anonymised) leads.Add(lead);
        return new TeamAccess.Granted(leads, window);
    }

    private sealed record OpenedWeek(BatchWindow Window, string OwnerId, List<Lead> Leads);

    /// <summary>A link to a whole batch week: the token checked for its purpose, then the week's held leads that <paramref name="keep"/> lets through (erased people never).</summary>
    private async Task<(OpenedWeek? Week, Refusal? Refused)> OpenWeekAsync(string? token, LinkPurpose purpose, Func<Lead, string, bool> keep, CancellationToken cancellationToken)
    {
        var check = signer.Verify(token, purpose);
        if (Refuse(check.Check) is { } refusal) return (null, refusal);
        var window = calendar.WindowOf(check.Claims!.Subject);
        if (window is null) return (null, Refusal.Forbidden);
        var leads = new List<Lead>();
        await foreach (var lead in store.ListAsync(window.Id, cancellationToken))
        {
            if (!lead.Anonymised && keep(lead, check.Claims.OwnerId)) leads.Add(lead);
        }
        return (new OpenedWeek(window, check.Claims.OwnerId, leads), null);
    }

    /// <summary>Reads a posted decision: decision, reason (required to reject, from the list), note (required for "other").</summary>
    public (DecisionRequest? Request, FieldErrors Errors) Parse(IReadOnlyDictionary<string, string> fields)
    {
        var errors = new FieldErrors();
        string Field(string name) => fields.TryGetValue(name, out var value) ? TextNormaliser.Normalise(value) : "";
        Decision? decision = Field("decision").ToLowerInvariant() switch
        {
            "accept" or "accepted" => Decision.Accepted,
            "reject" or "rejected" => Decision.Rejected,
            "nurture" => Decision.Nurture,
            _ => null,
        };
        if (decision is null) errors.Add("decision", "ChooseDecision");
        var reason = Field("reason");
        var note = Field("note");
        if (note.Length > QualificationOptions.MaxNoteLength)
            errors.Add("note", "NoteTooLong", QualificationOptions.MaxNoteLength);
        else if (TextNormaliser.HasControlCharacter(note, multiline: true))
            errors.Add("note", "NoteControl");
        if (decision == Decision.Rejected)
        {
            if (reason.Length == 0) errors.Add("reason", "ChooseReason");
            else if (!Reasons.Any(r => r.Id == reason)) errors.Add("reason", "ReasonFromList");
            else if (reason == QualificationOptions.OtherReason && note.Length == 0) errors.Add("note", "NoteForOther");
        }
        return errors.Count > 0
            ? (null, errors)
            : (new DecisionRequest(decision!.Value, decision == Decision.Rejected ? reason : null, note.Length == 0 ? null : note), errors);
    }

    /// <summary>Records an owner's decision on a lead of a window. Settled by ETag: of two racing posts exactly one wins.</summary>
    public async Task<DecisionResult> DecideAsync(BatchWindow window, string leadId, string ownerId, DecisionRequest request, CancellationToken cancellationToken, string? decidedBy = null)
    {
        var current = await store.GetVersionedAsync(window.Id, leadId, cancellationToken);
        return current is null
            ? new DecisionResult.Refused(Refusal.Gone)
            : await DecideAsync(window, current.Value.Lead, current.Value.Version, ownerId, request, cancellationToken, decidedBy);
    }

    /// <summary>The same, for a lead just read at <paramref name="version"/>: a stale version loses like any other race.</summary>
    /// <param name="decidedBy">Who decided, when not the owner: the manager deciding on a rep's behalf.</param>
    public async Task<DecisionResult> DecideAsync(BatchWindow window, Lead lead, string version, string ownerId, DecisionRequest request, CancellationToken cancellationToken, string? decidedBy = null)
    {
        var leadId = lead.Id;
        if (lead.Anonymised) return new DecisionResult.Refused(Refusal.Gone);
        if (lead.OwnerId != ownerId) return new DecisionResult.Refused(Refusal.Forbidden);
        var previous = lead.Decision;
        if (previous is not null && previous.Decision == request.Decision && previous.Reason == request.Reason && previous.Note == request.Note)
            return new DecisionResult.AlreadyRecorded(previous);

        var batch = await ledger.GetFinishedAsync(window.Id, cancellationToken);
        var now = time.GetUtcNow();
        var deadline = batch?.DeadlineAt ?? window.DeadlineAt;
        var decision = new RecordedDecision(
            request.Decision, request.Reason, request.Note, decidedBy ?? ownerId, now,
            batch?.SentAt is { } sentAt ? now - sentAt : null,
            OnTime: now <= deadline,
            Revision: (previous?.Revision ?? 0) + 1);
        // A routed lead got its undecided marker in the same transaction as its owner, so the first
        // decision can drop it in its own transaction.
        var dropMarker = previous is null && lead.OwnerId is not null;
        if (!await decisions.RecordDecisionAsync(window.Id, leadId, version, decision, previous, dropMarker, request.UserAgent, cancellationToken))
        {
            LogConflict(logger, leadId);
            return new DecisionResult.Conflict((await store.GetAsync(window.Id, leadId, cancellationToken))?.Decision);
        }
        LogDecided(logger, leadId, window.Id, decision.Decision, decision.Revision, decision.OnTime);
        await webhooks.TryEmitAsync(Webhooks.WebhookEvent.Decided(window.Id, leadId, decision), cancellationToken);
        return previous is null ? new DecisionResult.Recorded(decision) : new DecisionResult.Changed(decision, previous);
    }

    private static Refusal? Refuse(TokenCheck check) => check switch
    {
        TokenCheck.Valid => null,
        TokenCheck.Expired => Refusal.Gone,
        _ => Refusal.Forbidden,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} in {WindowId} decided {Decision} (revision {Revision}, on time: {OnTime})")]
    private static partial void LogDecided(ILogger logger, string leadId, string windowId, Decision decision, int revision, bool onTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision on lead {LeadId} lost a race; the other decision stands")]
    private static partial void LogConflict(ILogger logger, string leadId);
}
