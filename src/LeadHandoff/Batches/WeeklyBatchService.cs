using System.Collections.Concurrent;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Scorecards;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Batches;

/// <summary>
/// The Monday hand-off. Each heartbeat finds every window that has closed since
/// <see cref="BatchOptions.FirstWindow"/> (within the look-back) whose batch is not finished, and
/// works them oldest first: claim, route, send each owner's email, then the summary once every
/// owner's email is settled. A window a missed run skipped goes out late, marked late, with a
/// deadline counted from when it actually went.
/// </summary>
public sealed partial class WeeklyBatchService(
    SlaCalendar calendar,
    BatchLedger ledger,
    MessageLedger messages,
    LeadStore leads,
    LeadRouter router,
    LinkBuilder links,
    EmailDelivery delivery,
    ScorecardService scorecards,
    Webhooks.WebhookEmitter webhooks,
    IOptions<ScorecardOptions> scorecard,
    IOptions<Leads.QualificationOptions> qualification,
    IOptions<EmailOptions> email,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<WeeklyBatchService> logger)
{
    public const string SummaryKey = "summary";
    public const string ScorecardKey = "scorecard";

    public static string OwnerKey(string ownerId) => "owner-" + ownerId;

    /// <summary>The batch that should have gone out by now: the most recently closed window.</summary>
    public BatchWindow DueWindow(DateTimeOffset now) => calendar.WindowContaining(calendar.WindowContaining(now).OpensAt.AddTicks(-1));

    /// <summary>Works every unfinished window, oldest first; returns what happened to the latest one.</summary>
    public async Task<BatchRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = DueWindow(now);
        if (string.CompareOrdinal(due.Id, options.Value.FirstWindow ?? "") < 0) return new BatchRunResult(BatchRunOutcome.NotStarted, due.Id);

        var oldest = calendar.WindowOf(due.WeekStart.AddDays(-7 * (options.Value.LookbackWeeks - 1)));
        var firstWindow = options.Value.FirstWindow;
        var recorded = await ledger.ListAsync(string.CompareOrdinal(oldest.Id, firstWindow ?? "") < 0 ? firstWindow! : oldest.Id, due.Id, cancellationToken);
        // Missed windows are those after the first the deployment should send: Batch:FirstWindow, or
        // without it the oldest batch on record, so a new deployment does not open with summaries
        // of weeks it never saw.
        var from = firstWindow is { Length: > 0 } && string.CompareOrdinal(firstWindow, oldest.Id) > 0 ? firstWindow
            : firstWindow is { Length: > 0 } ? oldest.Id
            : recorded.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? due.Id;
        var runId = Guid.NewGuid().ToString("N");
        BatchRunResult? last = null;
        for (var window = calendar.WindowOf(from)!; string.CompareOrdinal(window.Id, due.Id) <= 0; window = calendar.WindowOf(window.WeekStart.AddDays(7)))
        {
            last = recorded.TryGetValue(window.Id, out var record) && record.IsFinished
                ? new BatchRunResult(BatchRunOutcome.AlreadySent, window.Id)
                : await RunWindowAsync(window, runId, cancellationToken);
        }
        return last!;
    }

    private async Task<BatchRunResult> RunWindowAsync(BatchWindow window, string runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var late = now > window.ClosesAt + TimeSpan.FromMinutes(options.Value.LateAfterMinutes);
        var claim = await ledger.ClaimAsync(window, runId, now, TimeSpan.FromMinutes(options.Value.LeaseMinutes), late ? calendar.DeadlineCountedFrom(now) : window.DeadlineAt, cancellationToken);
        if (claim is null)
        {
            var existing = await ledger.GetAsync(window.Id, cancellationToken);
            return new BatchRunResult(existing is { IsFinished: true } ? BatchRunOutcome.AlreadySent : BatchRunOutcome.HeldElsewhere, window.Id);
        }
        // The deadline the batch was first claimed with: a late batch gives sales their full time.
        window = window with { DeadlineAt = claim.DeadlineAt };
        if (late) LogLate(logger, window.Id);

        // The roster is read only when there is a batch to route: an idle heartbeat stays one request.
        await router.RefreshAsync(cancellationToken);
        var batch = await PrepareAsync(window, now, cancellationToken);
        foreach (var (owner, ownerLeads) in batch.ByOwner)
        {
            var batchUrl = links.Batch(window.Id, owner.Id);
            await delivery.SendAsync(runId, window.Id, OwnerKey(owner.Id),
                id => Task.FromResult<EmailMessage?>(OwnerBatchEmail.Compose(id, window, owner, ownerLeads, batchUrl, calendar.TimeZone, late)), cancellationToken);
        }

        // The summary says what happened to every owner's email, so it waits until each is settled.
        var states = (await messages.ListAsync(window.Id, cancellationToken)).ToDictionary(m => m.Key);
        var ownerStates = batch.ByOwner.Select(o => (o.Owner, State: states.GetValueOrDefault(OwnerKey(o.Owner.Id)))).ToList();
        if (ownerStates.Any(o => o.State is null || !o.State.IsSettled))
            return await IncompleteAsync(claim, window, batch, ownerStates.Count(o => o.State is null || !o.State.IsSettled), cancellationToken);

        var undelivered = ownerStates.Where(o => !o.State!.State.IsDelivered()).Select(o => $"{o.Owner.Name}: {o.State!.State} ({o.State.Detail})").ToList();
        var summary = await SummarizeAsync(window, batch, late, undelivered, ownerStates.Where(o => o.State!.State == MessageState.Rerouted).Select(o => o.Owner.Name).ToList(), cancellationToken);
        var recipients = new[] { email.Value.SalesManagerEmail, email.Value.MarketingLeadEmail };
        await delivery.SendAsync(runId, window.Id, SummaryKey,
            id => Task.FromResult<EmailMessage?>(BatchSummaryEmail.Compose(id, summary, recipients, calendar.TimeZone, router.LanguageOf(recipients))), cancellationToken);
        if (scorecard.Value.SendWithBatch)
        {
            // The scorecard of the batch before this one: its deadline week has just closed.
            var closed = calendar.WindowOf(window.WeekStart.AddDays(-7));
            await delivery.SendAsync(runId, window.Id, ScorecardKey, async id =>
                ScorecardEmail.Compose(id, await scorecards.BuildAsync(closed, scorecard.Value.TrailingWeeks, cancellationToken), recipients, router.LanguageOf(recipients), qualification.Value), cancellationToken);
        }
        states = (await messages.ListAsync(window.Id, cancellationToken)).ToDictionary(m => m.Key);
        if (states.Values.Any(m => !m.IsSettled))
            return await IncompleteAsync(claim, window, batch, states.Values.Count(m => !m.IsSettled), cancellationToken);

        var sentAt = time.GetUtcNow();
        // Each lead whose owner's email went out is delivered; emitted before the batch is marked
        // finished, so a crash here emits again on the next heartbeat (the same ids, recognised).
        await webhooks.TryEmitAsync(batch.ByOwner.Where(o => states.GetValueOrDefault(OwnerKey(o.Owner.Id))?.State.IsDelivered() == true)
            .SelectMany(o => o.Leads.Select(l => Webhooks.WebhookEvent.Delivered(window.Id, l.Lead.Id, o.Owner.Id, sentAt))), cancellationToken);
        await ledger.CompleteAsync(claim, sentAt, batch.Count, undelivered.Count == 0 ? null : string.Join("; ", undelivered), cancellationToken);
        LogBatchSent(logger, window.Id, batch.Count, summary.Target, states.Values.Count(m => m.State.IsDelivered()), undelivered.Count);
        return new BatchRunResult(BatchRunOutcome.Sent, window.Id, batch.Count, states.Count);
    }

    private async Task<BatchRunResult> IncompleteAsync(BatchClaim claim, BatchWindow window, PreparedBatch batch, int waiting, CancellationToken cancellationToken)
    {
        await ledger.ReleaseAsync(claim, cancellationToken);
        LogIncomplete(logger, window.Id, waiting);
        return new BatchRunResult(BatchRunOutcome.Incomplete, window.Id, batch.Count);
    }

    /// <summary>Reads the window's leads, gives each an owner (stored), and finds earlier leads of the same people.</summary>
    private async Task<PreparedBatch> PrepareAsync(BatchWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = new List<Lead>();
        var erased = 0;
        await foreach (var lead in leads.ListAsync(window.Id, cancellationToken))
        {
            // A person erased before the batch is not a lead any more: no blank rows, counts or links.
            if (lead.Anonymised) erased++;
            else all.Add(lead);
        }

        var flagged = new List<FlaggedSubmission>();
        await foreach (var item in leads.ListFlaggedAsync(window.Id, cancellationToken)) flagged.Add(item);
        // The week's people go into the person index now, off the form's request path: erasure,
        // export and later weeks' "seen before" find them through it from here on.
        await leads.IndexPeopleAsync(window.Id,
            all.Select(l => EmailHash.Of(l.Details.Email)).Concat(flagged.Select(FlaggedEntity.EmailOf).OfType<string>().Select(EmailHash.Of)),
            cancellationToken);

        // An owner who has left the team, or is away, gets no batch: their undecided leads are routed
        // again (a decided lead keeps the owner who decided it).
        var current = all.ToDictionary(l => l.Id, l => l.OwnerId is { } id && (l.Decision is not null || router.IsAvailable(id)) ? id : null);
        var routes = router.Route(all.Select(l => (l.Id, l.Details, current[l.Id])));
        var changed = routes.Where(r => current[r.Key] != r.Value).ToDictionary();
        // A lead whose owner left is reassigned: said before the change, since nothing derives it after.
        var byId = all.ToDictionary(l => l.Id);
        await webhooks.EmitAsync(changed.Where(c => byId[c.Key].OwnerId is not null)
            .Select(c => Webhooks.WebhookEvent.Reassigned(window.Id, c.Key, byId[c.Key].OwnerId!, c.Value, now)), cancellationToken);
        if (changed.Count > 0) await leads.AssignOwnersAsync(window.Id, changed, all.Where(l => l.Decision is null).Select(l => l.Id).ToHashSet(), now, cancellationToken);

        var earlier = new ConcurrentDictionary<string, Lead?>();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.Value.LookupConcurrency, CancellationToken = cancellationToken },
            async (lead, ct) => earlier[lead.Id] = await leads.FindEarlierAsync(lead.Details.Email, window.Id, ct));

        var byOwner = all
            .GroupBy(l => routes[l.Id])
            .Select(g => (Owner: router.Find(g.Key)!, Leads: g.Select(l => new BatchLead(l with { OwnerId = g.Key }, earlier[l.Id], links.Qualify(window.Id, l.Id, g.Key))).ToList()))
            .OrderBy(g => g.Owner.Id, StringComparer.Ordinal)
            .ToList();
        return new PreparedBatch(all.Count, erased, byOwner, flagged);
    }

    private async Task<BatchSummary> SummarizeAsync(BatchWindow window, PreparedBatch batch, bool late, IReadOnlyList<string> undelivered, IReadOnlyList<string> rerouted, CancellationToken cancellationToken)
    {
        int spam = 0, quarantined = 0, awaiting = 0, released = 0;
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var flagged in batch.Flagged)
        {
            // Released before the batch: a lead in it now, not something kept from sales.
            if (flagged.Review == ReviewState.Released) { released++; continue; }
            if (flagged.Review is ReviewState.Open or ReviewState.Releasing) awaiting++;
            if (flagged.Kind == FlagKind.Spam) spam++;
            else quarantined++;
            byReason[flagged.Reason] = byReason.GetValueOrDefault(flagged.Reason) + 1;
        }
        var all = batch.ByOwner.SelectMany(o => o.Leads).ToList();
        return new BatchSummary(
            window,
            calendar.WeeklyTarget,
            batch.Count,
            all.GroupBy(l => (l.Lead.Details.Segment.Sector, l.Lead.Details.Segment.SizeBand)).ToDictionary(g => g.Key, g => g.Count()),
            batch.ByOwner.Select(o => (o.Owner.Name, o.Leads.Count)).ToList(),
            spam,
            quarantined)
        {
            FlaggedByReason = byReason,
            AwaitingReview = awaiting,
            ReleasedFromReview = released,
            ReviewUrl = links.Review(window.Id),
            RosterProblems = router.RosterProblems,
            ErasedBeforeDelivery = batch.Erased,
            SentLate = late,
            Undelivered = undelivered,
            Rerouted = rerouted,
        };
    }

    private sealed record PreparedBatch(int Count, int Erased, List<(Owner Owner, List<BatchLead> Leads)> ByOwner, List<FlaggedSubmission> Flagged);

    // The deployment's alert looks for this event: no "BatchSent" by batch time + 1 h means the hand-off failed.
    [LoggerMessage(EventId = 3001, EventName = "BatchSent", Level = LogLevel.Information,
        Message = "BatchSent {WindowId}: {LeadCount} leads against a target of {Target}; {DeliveredMessages} emails delivered, {UndeliveredOwners} owner emails not delivered")]
    private static partial void LogBatchSent(ILogger logger, string windowId, int leadCount, int target, int deliveredMessages, int undeliveredOwners);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {WindowId} incomplete: {Waiting} emails not settled yet; the next heartbeat goes on")]
    private static partial void LogIncomplete(ILogger logger, string windowId, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "BatchLate", Message = "Batch {WindowId} goes out late: no run sent it on time")]
    private static partial void LogLate(ILogger logger, string windowId);
}
