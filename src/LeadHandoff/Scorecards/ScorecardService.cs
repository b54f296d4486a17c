using LeadHandoff.Calendar;
using LeadHandoff.Leads;
using LeadHandoff.Routing;
using LeadHandoff.Storage;

namespace LeadHandoff.Scorecards;

/// <summary>
/// Builds the scorecard from the batch weeks' own partitions: two range queries per week (leads,
/// flagged), so a trailing window costs the weeks it covers, never the whole history, and a late
/// decision is counted the moment it is recorded.
/// </summary>
public sealed class ScorecardService(SlaCalendar calendar, LeadStore store, LeadRouter router, TimeProvider time)
{
    public const int DefaultWeeks = 12;
    public const int MaxWeeks = 104;

    /// <summary>The latest batch week that has gone out: the default end of the window.</summary>
    public BatchWindow LatestClosedWindow() => calendar.WindowContaining(calendar.WindowContaining(time.GetUtcNow()).OpensAt.AddTicks(-1));

    public async Task<Scorecard> BuildAsync(BatchWindow end, int weeks, CancellationToken cancellationToken)
    {
        var windows = Enumerable.Range(0, weeks).Select(i => end.WeekStart.AddDays(-7 * (weeks - 1 - i))).Select(BatchWindow.IdOf).ToList();
        var inputs = await Task.WhenAll(windows.Select(windowId => ReadWeekAsync(windowId, cancellationToken)));
        return ScorecardCalculator.Compute(inputs, calendar.WeeklyTarget, id => router.Find(id)?.Name ?? id);
    }

    private async Task<WeekInput> ReadWeekAsync(string windowId, CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        await foreach (var lead in store.ListAsync(windowId, cancellationToken)) leads.Add(lead);
        int spam = 0, quarantined = 0;
        await foreach (var flagged in store.ListFlaggedAsync(windowId, cancellationToken))
        {
            if (flagged.Kind == FlagKind.Spam) spam++;
            else quarantined++;
        }
        return new WeekInput(windowId, leads, spam, quarantined);
    }
}
