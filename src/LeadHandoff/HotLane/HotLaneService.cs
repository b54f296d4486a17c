using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.HotLane;

/// <summary>What one pass of the hot lane did.</summary>
public sealed record HotLaneRunResult(int Open, int Sent, int Chased, int Closed);

/// <summary>
/// The hot lane: a hot lead is routed and emailed to its owner as it arrives, through the same
/// send-once ledger as the batch (its own partition per window, so the batch never waits on it).
/// The form's request tries first, within <see cref="HotLaneOptions.InlineSeconds"/>; the marker
/// row written with the lead makes the minute sweep finish whatever that try did not, crash or not.
/// Once the business-hours deadline passes undecided, the owner is chased once, the manager copied.
/// </summary>
public sealed partial class HotLaneService(
    SlaCalendar calendar,
    Agreement.AgreementService agreement,
    LeadStore store,
    BatchLedger batches,
    LeadRouter router,
    LinkBuilder links,
    EmailDelivery delivery,
    Webhooks.WebhookEmitter webhooks,
    IOptions<HotLaneOptions> options,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<HotLaneService> logger)
{
    public static string LedgerOf(string windowId) => "hot-" + windowId;
    public static string LeadKey(string leadId) => "lead-" + leadId;
    public static string OverdueKey(string leadId) => "overdue-" + leadId;

    public bool IsHot(string offer) => options.Value.IsHot(offer);

    /// <summary>
    /// The form's own try, bounded so a slow email provider never holds the person's browser: any
    /// failure or timeout is logged and left to the sweep, which the marker guarantees. Nothing here
    /// may fail the intake: the lead is stored already.
    /// </summary>
    public async Task TryHandOffAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.InlineSeconds));
        try
        {
            await WorkAsync(windowId, leadId, Guid.NewGuid().ToString("N"), budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogLeftToSweep(logger, leadId, ex.GetType().Name);
        }
    }

    /// <summary>The minute sweep: every marker of the open window and the one before it.</summary>
    public async Task<HotLaneRunResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = calendar.WindowContaining(now);
        var runId = Guid.NewGuid().ToString("N");
        int open = 0, sent = 0, chased = 0, closed = 0;
        foreach (var window in new[] { calendar.WindowOf(current.WeekStart.AddDays(-7)), current })
        {
            foreach (var leadId in await store.ListHotMarkersAsync(window.Id, cancellationToken))
            {
                open++;
                switch (await WorkAsync(window.Id, leadId, runId, cancellationToken))
                {
                    case Step.Sent: sent++; break;
                    case Step.Chased: chased++; break;
                    case Step.Closed: closed++; break;
                }
            }
        }
        return new HotLaneRunResult(open, sent, chased, closed);
    }

    private enum Step { Waiting, Sent, Chased, Closed }

    /// <summary>One marker's next step. Every step is safe to repeat: the ledger sends each email once.</summary>
    private async Task<Step> WorkAsync(string windowId, string leadId, string runId, CancellationToken cancellationToken)
    {
        var lead = await store.GetAsync(windowId, leadId, cancellationToken);
        if (lead is null or { Anonymised: true } or { Decision: not null })
            return await CloseAsync(windowId, leadId, cancellationToken);
        // The batch has the lead now (or is sending it): Monday's email is its hand-off.
        if (lead.Hot is null && await batches.GetAsync(windowId, cancellationToken) is not null)
            return await CloseAsync(windowId, leadId, cancellationToken);

        var now = time.GetUtcNow();
        await router.RefreshAsync(cancellationToken);
        var ownerId = lead.OwnerId is { } id && router.Find(id) is not null ? id : null;
        if (ownerId is null)
        {
            ownerId = router.Route([(lead.Id, lead.Details, null)])[lead.Id];
            await store.AssignOwnersAsync(windowId, new Dictionary<string, string> { [lead.Id] = ownerId }, new HashSet<string> { lead.Id }, now, cancellationToken);
        }
        var owner = router.Find(ownerId)!;
        // The deadline is fixed the first time and kept: a retry must not move it.
        // Due in the business hours the agreement's version for the lead's week gives sales.
        var hot = lead.Hot ?? new HotDelivery(now, calendar.AddBusinessHours(now, (await agreement.InForceAsync(calendar.WindowOf(windowId)!.WeekStart, cancellationToken)).Terms.HotLaneHours));
        if (lead.Hot is null) await store.SetHotAsync(windowId, lead.Id, hot, cancellationToken);

        var window = calendar.WindowOf(windowId)!;
        var item = new BatchLead(lead with { OwnerId = ownerId, Hot = hot }, null, links.Qualify(windowId, lead.Id, ownerId));
        var state = await delivery.SendAsync(runId, LedgerOf(windowId), LeadKey(lead.Id),
            ledgerId => Task.FromResult<EmailMessage?>(HotLeadEmails.Lead(ledgerId, window, owner, item, links.Batch(windowId, ownerId), hot.DueAt, calendar.TimeZone)),
            cancellationToken);
        if (state is MessageState.Sent or MessageState.Rerouted)
        {
            await webhooks.TryEmitAsync(Webhooks.WebhookEvent.Delivered(windowId, lead.Id, ownerId, hot.At), cancellationToken);
            LogSent(logger, lead.Id, (time.GetUtcNow() - lead.FirstReceivedAt).TotalMilliseconds);
            return Step.Sent;
        }
        if (now <= hot.DueAt) return Step.Waiting;

        var cc = new[] { email.Value.SalesManagerEmail }.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        var chase = await delivery.SendAsync(runId, LedgerOf(windowId), OverdueKey(lead.Id),
            ledgerId => Task.FromResult<EmailMessage?>(HotLeadEmails.Overdue(ledgerId, owner, item, hot.DueAt, cc, time.GetUtcNow(), calendar.TimeZone)),
            cancellationToken);
        if (chase is MessageState.Sent or MessageState.Rerouted or MessageState.Failed or null)
        {
            // Chased once: from here the weekly deadline's reminders and escalations take over.
            await store.RemoveHotMarkerAsync(windowId, lead.Id, cancellationToken);
            LogChased(logger, lead.Id);
            return Step.Chased;
        }
        return Step.Waiting;
    }

    private async Task<Step> CloseAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        await store.RemoveHotMarkerAsync(windowId, leadId, cancellationToken);
        return Step.Closed;
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "HotLeadSent", Message = "Hot lead {LeadId} handed to its owner {Milliseconds} ms after it arrived")]
    private static partial void LogSent(ILogger logger, string leadId, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hot lead {LeadId} overdue: its owner was chased, the manager copied")]
    private static partial void LogChased(ILogger logger, string leadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hot lead {LeadId} not handed over within the form's request ({Reason}); the sweep will")]
    private static partial void LogLeftToSweep(ILogger logger, string leadId, string reason);
}
