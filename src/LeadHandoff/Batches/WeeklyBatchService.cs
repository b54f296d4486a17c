using LeadHandoff.Team;
using LeadHandoff.Webhooks;
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
    LeadRouter router,
    BatchPreparation preparation,
    BatchEmails emails,
    WebhookEmitter webhooks,
    IOptions<BatchOptions> options,
    TimeProvider time,
    Agreement.AgreementService agreement,
    ILogger<WeeklyBatchService> logger)
{
    /// <summary>Works every unfinished window, oldest first; returns what happened to the latest one.</summary>
    public async Task<BatchRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The batch that should have gone out by now: the most recently closed window.
        var due = calendar.LatestClosedWindow(now);
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
        // The deadline this batch goes out with is its week's version's: read the agreement first.
        await agreement.RefreshAsync(cancellationToken);
        window = calendar.WindowOf(window.WeekStart);
        var now = time.GetUtcNow();
        var late = now > window.ClosesAt + TimeSpan.FromMinutes(options.Value.LateAfterMinutes);
        var claim = await ledger.ClaimAsync(window, runId, now, TimeSpan.FromMinutes(options.Value.LeaseMinutes), late ? calendar.DeadlineCountedFrom(now, window.WeekStart) : window.DeadlineAt, cancellationToken);
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
        var batch = await preparation.PrepareAsync(window, now, cancellationToken);
        await emails.SendOwnersAsync(runId, window, batch, late, cancellationToken);

        // The summary says what happened to every owner's email, so it waits until each is settled.
        var states = await emails.StatesAsync(window, cancellationToken);
        var ownerStates = batch.ByOwner.Select(o => (o.Owner, State: states.GetValueOrDefault(BatchEmails.OwnerKey(o.Owner.Id)))).ToList();
        if (ownerStates.Any(o => o.State is null || !o.State.IsSettled))
            return await IncompleteAsync(claim, window, batch, ownerStates.Count(o => o.State is null || !o.State.IsSettled), cancellationToken);

        var undelivered = ownerStates.Where(o => !o.State!.State.IsDelivered()).Select(o => $"{o.Owner.Name}: {o.State!.State} ({o.State.Detail})").ToList();
        var summary = await preparation.SummarizeAsync(window, batch, late, undelivered, ownerStates.Where(o => o.State!.State == MessageState.Rerouted).Select(o => o.Owner.Name).ToList(), cancellationToken);
        await emails.SendSummaryAsync(runId, window, summary, cancellationToken);
        states = await emails.StatesAsync(window, cancellationToken);
        if (states.Values.Any(m => !m.IsSettled))
            return await IncompleteAsync(claim, window, batch, states.Values.Count(m => !m.IsSettled), cancellationToken);

        var sentAt = time.GetUtcNow();
        // Each lead whose owner's email went out is delivered; emitted before the batch is marked
        // finished, so a crash here emits again on the next heartbeat (the same ids, recognised).
        await webhooks.TryEmitAsync(batch.ByOwner.Where(o => states.GetValueOrDefault(BatchEmails.OwnerKey(o.Owner.Id))?.State.IsDelivered() == true)
            .SelectMany(o => o.Leads.Select(l => WebhookEvent.Delivered(window.Id, l.Lead.Id, o.Owner.Id, sentAt))), cancellationToken);
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

    // The deployment's alert looks for this event: no "BatchSent" by batch time + 1 h means the hand-off failed.
    [LoggerMessage(EventId = 3001, EventName = "BatchSent", Level = LogLevel.Information,
        Message = "BatchSent {WindowId}: {LeadCount} leads against a target of {Target}; {DeliveredMessages} emails delivered, {UndeliveredOwners} owner emails not delivered")]
    private static partial void LogBatchSent(ILogger logger, string windowId, int leadCount, int target, int deliveredMessages, int undeliveredOwners);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {WindowId} incomplete: {Waiting} emails not settled yet; the next heartbeat goes on")]
    private static partial void LogIncomplete(ILogger logger, string windowId, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "BatchLate", Message = "Batch {WindowId} goes out late: no run sent it on time")]
    private static partial void LogLate(ILogger logger, string windowId);
}
