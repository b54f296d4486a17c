using System.Collections.Concurrent;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.Routing;
using LeadHandoff.Scorecards;
using LeadHandoff.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Batches;

/// <summary>
/// The Monday hand-off. Each heartbeat asks: has the latest window closed, and is its batch unsent?
/// If so it claims the batch, routes its leads, and sends each owner's email and the summary once.
/// </summary>
public sealed partial class WeeklyBatchService(
    SlaCalendar calendar,
    Ledger ledger,
    LeadStore leads,
    LeadRouter router,
    LinkBuilder links,
    OnceOnlyMailer mailer,
    ScorecardService scorecards,
    IOptions<ScorecardOptions> scorecard,
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

    public async Task<BatchRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = DueWindow(now);
        if (string.CompareOrdinal(window.Id, options.Value.FirstWindow ?? "") < 0) return new BatchRunResult(BatchRunOutcome.NotStarted, window.Id);
        var claim = await ledger.ClaimBatchAsync(window, now, TimeSpan.FromMinutes(options.Value.LeaseMinutes), cancellationToken);
        if (claim is null)
        {
            var existing = await ledger.GetBatchAsync(window.Id, cancellationToken);
            return new BatchRunResult(existing?.Status == Ledger.Done ? BatchRunOutcome.AlreadySent : BatchRunOutcome.HeldElsewhere, window.Id);
        }

        var batch = await PrepareAsync(window, now, cancellationToken);
        var states = new List<MessageState?>();
        foreach (var (owner, ownerLeads) in batch.ByOwner)
        {
            var batchUrl = links.Batch(window.Id, owner.Id);
            states.Add(await mailer.SendOnceAsync(window.Id, OwnerKey(owner.Id),
                id => Task.FromResult<EmailMessage?>(OwnerBatchEmail.Compose(id, window, owner, ownerLeads, batchUrl, calendar.TimeZone)), cancellationToken));
        }
        var summary = await SummarizeAsync(window, batch, cancellationToken);
        var recipients = new[] { email.Value.SalesManagerEmail, email.Value.MarketingLeadEmail };
        states.Add(await mailer.SendOnceAsync(window.Id, SummaryKey,
            id => Task.FromResult<EmailMessage?>(BatchSummaryEmail.Compose(id, summary, recipients, calendar.TimeZone)), cancellationToken));

        if (scorecard.Value.SendWithBatch)
        {
            // The scorecard of the batch before this one: its deadline week has just closed.
            var closed = calendar.WindowOf(window.WeekStart.AddDays(-7));
            states.Add(await mailer.SendOnceAsync(window.Id, ScorecardKey, async id =>
                ScorecardEmail.Compose(id, await scorecards.BuildAsync(closed, scorecard.Value.TrailingWeeks, cancellationToken), recipients), cancellationToken));
        }

        var messages = await ledger.ListMessagesAsync(window.Id, cancellationToken);
        if (messages.Any(m => m.State is MessageState.Deferred or MessageState.Pending))
        {
            await ledger.ReleaseBatchAsync(claim, cancellationToken);
            LogIncomplete(logger, window.Id, messages.Count(m => m.State == MessageState.Deferred));
            return new BatchRunResult(BatchRunOutcome.Incomplete, window.Id, batch.Count, states.Count);
        }
        var sentAt = time.GetUtcNow();
        await ledger.CompleteBatchAsync(claim, window, sentAt, batch.Count, cancellationToken);
        LogBatchSent(logger, window.Id, batch.Count, summary.Target, messages.Count(m => m.State == MessageState.Sent), messages.Count(m => m.State is MessageState.Failed or MessageState.Unknown));
        return new BatchRunResult(BatchRunOutcome.Sent, window.Id, batch.Count, states.Count);
    }

    /// <summary>Reads the window's leads, gives each an owner (stored), and finds earlier leads of the same people.</summary>
    private async Task<PreparedBatch> PrepareAsync(BatchWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = new List<Lead>();
        await foreach (var lead in leads.ListAsync(window.Id, cancellationToken)) all.Add(lead);

        // An owner who has left the configuration since is no owner: their leads are routed again.
        var current = all.ToDictionary(l => l.Id, l => l.OwnerId is { } id && router.Find(id) is not null ? id : null);
        var routes = router.Route(all.Select(l => (l.Id, l.Details.Segment, current[l.Id])));
        var changed = routes.Where(r => current[r.Key] != r.Value).ToDictionary();
        if (changed.Count > 0) await leads.AssignOwnersAsync(window.Id, changed, all.Where(l => l.Decision is null).Select(l => l.Id).ToHashSet(), now, cancellationToken);

        var earlier = new ConcurrentDictionary<string, Lead?>();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.Value.LookupConcurrency, CancellationToken = cancellationToken },
            async (lead, ct) => earlier[lead.Id] = await leads.FindEarlierAsync(lead.Details.Email, window.Id, ct));

        var byOwner = all
            .GroupBy(l => routes[l.Id])
            .Select(g => (Owner: router.Find(g.Key)!, Leads: g.Select(l => new BatchLead(l with { OwnerId = g.Key }, earlier[l.Id], links.Qualify(window.Id, l.Id, g.Key))).ToList()))
            .OrderBy(g => g.Owner.Id, StringComparer.Ordinal)
            .ToList();
        return new PreparedBatch(all.Count, byOwner);
    }

    private async Task<BatchSummary> SummarizeAsync(BatchWindow window, PreparedBatch batch, CancellationToken cancellationToken)
    {
        int spam = 0, quarantined = 0;
        await foreach (var flagged in leads.ListFlaggedAsync(window.Id, cancellationToken))
        {
            if (flagged.Kind == FlagKind.Spam) spam++;
            else quarantined++;
        }
        var all = batch.ByOwner.SelectMany(o => o.Leads).ToList();
        return new BatchSummary(
            window,
            calendar.WeeklyTarget,
            batch.Count,
            all.GroupBy(l => (l.Lead.Details.Segment.Sector, l.Lead.Details.Segment.SizeBand)).ToDictionary(g => g.Key, g => g.Count()),
            batch.ByOwner.Select(o => (o.Owner.Name, o.Leads.Count)).ToList(),
            spam,
            quarantined);
    }

    private sealed record PreparedBatch(int Count, List<(Owner Owner, List<BatchLead> Leads)> ByOwner);

    // The deployment's alert looks for this event: no "BatchSent" by batch time + 1 h means the hand-off failed.
    [LoggerMessage(EventId = 3001, EventName = "BatchSent", Level = LogLevel.Information,
        Message = "BatchSent {WindowId}: {LeadCount} leads against a target of {Target}; {SentMessages} emails sent, {UnsettledMessages} failed or unknown")]
    private static partial void LogBatchSent(ILogger logger, string windowId, int leadCount, int target, int sentMessages, int unsettledMessages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {WindowId} incomplete: {Deferred} emails refused for now; the next heartbeat retries them")]
    private static partial void LogIncomplete(ILogger logger, string windowId, int deferred);
}
