using LeadHandoff.Intake;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Scorecards;

/// <summary>
/// Builds the scorecard from the batch weeks' own partitions: two range queries per week (leads,
/// flagged), so a trailing window costs the weeks it covers, never the whole history, and a late
/// decision is counted the moment it is recorded. Weeks before the first batch on record (which is
/// Batch:FirstWindow when that is set: the batch starts there) are not the agreement's weeks and
/// are left out, so a new deployment is not shown missing targets it never had.
/// </summary>
public sealed class ScorecardService(
    SlaCalendar calendar,
    Agreement.AgreementService agreement,
    LeadStore store,
    DecisionStore decisions,
    BatchLedger ledger,
    LeadRouter router,
    IOptions<IntakeOptions> intake,
    TimeProvider time)
{
    public const int DefaultWeeks = 12;
    public const int MaxWeeks = 104;

    /// <summary>The latest batch week that has gone out: the default end of the window.</summary>
    public BatchWindow LatestClosedWindow() => calendar.LatestClosedWindow(time.GetUtcNow());

    public async Task<Scorecard> BuildAsync(BatchWindow end, int weeks, CancellationToken cancellationToken)
    {
        var first = await FirstWeekAsync(end, cancellationToken);
        var windows = Enumerable.Range(0, weeks).Select(i => end.WeekStart.AddDays(-7 * (weeks - 1 - i))).Select(BatchWindow.IdOf)
            .Where(id => first is not null && string.CompareOrdinal(id, first) >= 0)
            .ToList();
        // Each week is graded by the version in force at its batch: approving a new one changes no past week.
        var terms = await agreement.CurrentAsync(cancellationToken);
        var inputs = await Task.WhenAll(windows.Select(windowId => ReadWeekAsync(windowId, terms, cancellationToken)));
        return ScorecardCalculator.Compute(inputs, calendar.WeeklyTarget, id => router.Find(id)?.Name ?? id, intake.Value.SizeBands, calendar.BusinessHoursBetween);
    }

    /// <summary>The open batch week so far (see <see cref="WeekProgress"/>): one range query over its partition.</summary>
    public async Task<WeekProgress> ProgressAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = calendar.WindowContaining(now);
        var version = (await agreement.CurrentAsync(cancellationToken)).InForce(window.WeekStart);
        var leads = new List<Lead>();
        await foreach (var lead in store.ListAsync(window.Id, cancellationToken)) leads.Add(lead);
        var counted = leads.Where(l => version.Terms.Counts(l.Details.Source.Offer, l.Details.Segment.Sector, l.Details.Segment.SizeBand)).ToList();
        return new WeekProgress(window.Id, version.Number, counted.Count, leads.Count - counted.Count, version.Terms.WeeklyTarget,
            WeekProgress.Due(version.Terms.WeeklyTarget, window.OpensAt, window.ClosesAt, now),
            counted.GroupBy(l => (l.Details.Segment.Sector, l.Details.Segment.SizeBand)).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>The agreement's first week: the oldest batch the ledger holds (one small range query); null when none has gone yet.</summary>
    private async Task<string?> FirstWeekAsync(BatchWindow end, CancellationToken cancellationToken)
    {
        var recorded = await ledger.ListAsync("0000", end.Id, cancellationToken);
        return recorded.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<WeekInput> ReadWeekAsync(string windowId, Agreement.AgreementState terms, CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        await foreach (var lead in store.ListAsync(windowId, cancellationToken)) leads.Add(lead);
        int spam = 0, quarantined = 0;
        await foreach (var flagged in store.ListFlaggedAsync(windowId, cancellationToken))
        {
            if (flagged.Kind == FlagKind.Spam) spam++;
            else quarantined++;
        }
        var window = calendar.WindowOf(windowId)!;
        // The grade is final at the deadline: a decision changed since is read as it stood then, from its history (rare, so one small query each).
        var atDeadline = new Dictionary<string, Decision?>(StringComparer.Ordinal);
        foreach (var lead in leads.Where(l => l.FirstDecision?.OnTime == true && l.Decision is { } d && d.DecidedAt > window.DeadlineAt))
        {
            var history = await decisions.DecisionHistoryAsync(windowId, lead.Id, cancellationToken);
            var then = history.Where(h => h.DecidedAt <= window.DeadlineAt).MaxBy(h => h.Revision);
            atDeadline[lead.Id] = then is not null && Enum.TryParse<Decision>(then.Decision, out var value) ? value : null;
        }
        var batchDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.ClosesAt, calendar.TimeZone).DateTime);
        return new WeekInput(windowId, leads, spam, quarantined) { BatchDate = batchDate, Agreement = terms.InForce(window.WeekStart), Final = time.GetUtcNow() >= window.DeadlineAt, DecisionAtDeadline = atDeadline };
    }
}
