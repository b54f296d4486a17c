using LeadHandoff.Leads;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Privacy;

public sealed record PurgeResult(int Weeks, int LeadsAnonymised, int FlaggedDeleted);

/// <summary>
/// What the business owes its leads: erasure and export on request (each audited without personal
/// data), and retention that anonymises old leads and deletes old spam on its own.
/// </summary>
public sealed partial class PrivacyService(
    PersonalDataStore data,
    WatermarkStore watermarks,
    BatchLedger ledger,
    AuditLog audit,
    SlaCalendar calendar,
    IOptions<RetentionOptions> retention,
    Webhooks.WebhookEmitter webhooks,
    TimeProvider time,
    ILogger<PrivacyService> logger)
{
    /// <summary>The address as the intake stores it, or null when it is not an address.</summary>
    public static string? Normalise(string? email)
    {
        var normalised = TextNormaliser.ComparisonKey(email ?? "");
        return EmailAddress.IsValid(normalised) ? normalised : null;
    }

    public Task<ErasureCounts> EraseAsync(string normalisedEmail, CancellationToken cancellationToken) =>
        EraseByHashAsync(EmailHash.Of(normalisedEmail), "erase", cancellationToken);

    /// <summary>Erases the person behind <paramref name="hash"/>; <paramref name="action"/> names who asked, for the audit.</summary>
    public async Task<ErasureCounts> EraseByHashAsync(string hash, string action, CancellationToken cancellationToken)
    {
        var counts = await data.EraseAsync(hash, await UnindexedWeeksAsync(cancellationToken), cancellationToken);
        await AuditAsync(action, hash, counts, cancellationToken);
        // Subscribers (the CRM) are told to erase too; the event carries ids only.
        await webhooks.TryEmitAsync(counts.ErasedLeads.Select(l => Webhooks.WebhookEvent.Erased(l.WindowId, l.LeadId, time.GetUtcNow())), cancellationToken);
        LogErased(logger, counts.Weeks, counts.Leads, counts.Submissions);
        return counts;
    }

    public async Task<PersonalData> ExportAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        var hash = EmailHash.Of(normalisedEmail);
        var export = await data.ExportAsync(hash, await UnindexedWeeksAsync(cancellationToken), cancellationToken);
        await AuditAsync("export", hash, new ErasureCounts(export.Leads.Select(l => l.WindowId).Concat(export.Submissions.Select(s => s.WindowId)).Distinct().Count(), export.Leads.Count, export.Submissions.Count, 0), cancellationToken);
        return export;
    }

    /// <summary>Whether anything of the person is held, in any week.</summary>
    public async Task<bool> HoldsAsync(string hash, CancellationToken cancellationToken) =>
        (await data.WeeksOfAsync(hash, await UnindexedWeeksAsync(cancellationToken), cancellationToken)).Count > 0;

    /// <summary>
    /// The weeks the person index may not cover: every week still holding personal data (within
    /// lead retention, and no older than the oldest week stored) whose batch has not finished. The
    /// batch indexes a week's people before it finishes, so a finished week is indexed. Usually the
    /// open week and perhaps the one whose batch is due: two point lookups and a range query each.
    /// </summary>
    public async Task<List<string>> UnindexedWeeksAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = calendar.WindowContaining(now);
        var oldestHeld = await watermarks.OldestWindowAsync(cancellationToken);
        if (oldestHeld is null || calendar.WindowOf(oldestHeld) is not { } held) return [];
        var kept = calendar.WindowContaining(now - TimeSpan.FromDays(retention.Value.LeadDays + 7));
        var from = string.CompareOrdinal(kept.Id, held.Id) > 0 ? kept : held;
        var batches = await ledger.ListAsync(from.Id, open.Id, cancellationToken);
        var weeks = new List<string>();
        for (var week = from; string.CompareOrdinal(week.Id, open.Id) <= 0; week = calendar.WindowOf(week.WeekStart.AddDays(7)))
        {
            if (!(batches.TryGetValue(week.Id, out var batch) && batch.IsFinished)) weeks.Add(week.Id);
        }
        return weeks;
    }

    /// <summary>
    /// One retention pass. A watermark row remembers the oldest week not yet purged, so each pass
    /// reads only the weeks that have just come of age: its cost follows what it removes. Concurrent
    /// passes do the same idempotent work, and the watermark only moves forward (ETag).
    /// </summary>
    public async Task<PurgeResult> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flaggedDue = await PassAsync("flagged", now - TimeSpan.FromDays(retention.Value.FlaggedDays), leads: false, cancellationToken);
        var leadsDue = await PassAsync("leads", now - TimeSpan.FromDays(retention.Value.LeadDays), leads: true, cancellationToken);
        var result = new PurgeResult(flaggedDue.Weeks + leadsDue.Weeks, leadsDue.Leads, flaggedDue.Flagged + leadsDue.Flagged);
        LogPurged(logger, result.Weeks, result.LeadsAnonymised, result.FlaggedDeleted);
        return result;
    }

    private async Task<(int Weeks, int Leads, int Flagged)> PassAsync(string kind, DateTimeOffset closedBefore, bool leads, CancellationToken cancellationToken)
    {
        var mark = await watermarks.GetAsync(kind, cancellationToken);
        // With no watermark yet, start at the oldest window the lead table holds.
        var start = mark?.NextWindowId ?? await watermarks.OldestWindowAsync(cancellationToken);
        var window = start is null ? null : calendar.WindowOf(start);
        int weeks = 0, anonymised = 0, deleted = 0;
        while (window is not null && window.ClosesAt < closedBefore)
        {
            var (a, d) = await data.PurgeWeekAsync(window.Id, leads, flagged: true, cancellationToken);
            anonymised += a;
            deleted += d;
            weeks++;
            window = calendar.WindowOf(window.WeekStart.AddDays(7));
        }
        if (window is not null && window.Id != start) await watermarks.MoveAsync(kind, mark, window.Id, time.GetUtcNow(), cancellationToken);
        return (weeks, anonymised, deleted);
    }

    private Task AuditAsync(string action, string hash, ErasureCounts counts, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        return audit.AuditAsync(new AuditRecord(action, at, hash, counts.Weeks, counts.Leads, counts.Submissions, counts.IndexRows), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure: {Weeks} weeks, {Leads} leads anonymised, {Submissions} submissions deleted")]
    private static partial void LogErased(ILogger logger, int weeks, int leads, int submissions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Weeks} weeks purged, {Leads} leads anonymised, {Flagged} flagged submissions deleted")]
    private static partial void LogPurged(ILogger logger, int weeks, int leads, int flagged);
}
