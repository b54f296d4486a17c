using LeadHandoff.Leads;

namespace LeadHandoff.Scorecards;

/// <summary>One batch week's raw material: its delivered leads and its flagged submissions.</summary>
public sealed record WeekInput(string Week, IReadOnlyList<Lead> Leads, int Spam, int Quarantined)
{
    public DateOnly BatchDate { get; init; }

    /// <summary>The agreement's version in force at the week's batch; none: the weekly target alone, every lead counted.</summary>
    public Agreement.AgreementVersion? Agreement { get; init; }

    /// <summary>The week's deadline has passed.</summary>
    public bool Final { get; init; }

    /// <summary>Leads decided by the deadline whose decision changed after it: the decision as it stood at the deadline, which grades the week.</summary>
    public IReadOnlyDictionary<string, Decision?> DecisionAtDeadline { get; init; } = new Dictionary<string, Decision?>();
}

/// <summary>Pure arithmetic over stored leads; the README defines every number it produces.</summary>
public static class ScorecardCalculator
{
    public const string None = "(none)";

    /// <param name="sizeBands">The configured size bands, in the order people set them; others follow, by number.</param>
    /// <param name="businessHours">Business hours between two instants (the SLA calendar's); needed for the hot lane's figures.</param>
    public static Scorecard Compute(IReadOnlyList<WeekInput> weeks, int weeklyTarget, Func<string, string> ownerName, IReadOnlyList<string>? sizeBands = null, Func<DateTimeOffset, DateTimeOffset, double>? businessHours = null)
    {
        var all = weeks.SelectMany(w => w.Leads).ToList();
        var scores = weeks.Select(w =>
        {
            var terms = w.Agreement?.Terms ?? new Agreement.AgreementTerms(weeklyTarget, 0, 0, [], [], []);
            var grade = Grade(w.Leads, terms, w.Final, w.DecisionAtDeadline);
            return new WeekScore(w.Week, terms.WeeklyTarget, grade.VolumeMet, w.Spam, w.Quarantined, Metrics(w.Leads))
            {
                BatchDate = w.BatchDate,
                AgreementVersion = w.Agreement?.Number ?? 1,
                Grade = grade,
            };
        }).ToList();
        var bandOrder = (sizeBands ?? []).Select((band, i) => (band, i)).ToDictionary(b => b.band, b => b.i, StringComparer.OrdinalIgnoreCase);
        return new Scorecard(
            weeks.Count == 0 ? "" : weeks[0].Week,
            weeks.Count == 0 ? "" : weeks[^1].Week,
            weeklyTarget,
            scores.Count(s => s.TargetHit),
            weeks.Sum(w => w.Spam),
            weeks.Sum(w => w.Quarantined),
            Metrics(all),
            scores,
            By(all, l => l.OwnerId ?? "unassigned", ownerName),
            new Feedback(
                By(all, l => l.Details.Source.Offer, v => v),
                By(all, l => l.Details.Source.UtmSource ?? None, v => v),
                By(all, l => l.Details.Source.UtmCampaign ?? None, v => v),
                By(all, l => l.Details.Segment.Sector, v => v),
                [.. By(all, l => l.Details.Segment.SizeBand, v => v)
                    .OrderBy(b => bandOrder.GetValueOrDefault(b.Value, int.MaxValue))
                    .ThenBy(b => b.Value, SizeBandOrder.Instance)]))
        {
            Hot = HotLane(all, businessHours ?? ((from, to) => (to - from).TotalHours)),
        };
    }

    /// <summary>A week against the terms that grade it (see <see cref="WeekGrade"/>).</summary>
    public static WeekGrade Grade(IReadOnlyCollection<Lead> leads, Agreement.AgreementTerms terms, bool final, IReadOnlyDictionary<string, Decision?>? atDeadline = null)
    {
        Decision? Then(Lead l) => atDeadline is not null && atDeadline.TryGetValue(l.Id, out var then) ? then : l.Decision?.Decision;
        var counted = leads.Where(l => terms.Counts(l.Details.Source.Offer, l.Details.Segment.Sector, l.Details.Segment.SizeBand)).ToList();
        var decidedOnTime = counted.Where(l => l.FirstDecision?.OnTime == true).ToList();
        var acceptedOnTime = decidedOnTime.Count(l => Then(l) == Decision.Accepted);
        var quality = Share(acceptedOnTime, decidedOnTime.Count);
        var onTime = Share(leads.Count(l => l.FirstDecision?.OnTime == true), leads.Count);
        return new WeekGrade(
            counted.Count, leads.Count - counted.Count, terms.WeeklyTarget, counted.Count >= terms.WeeklyTarget,
            decidedOnTime.Count, acceptedOnTime,
            quality, terms.QualityTarget, quality is null ? null : quality >= terms.QualityTarget - 1e-9,
            onTime, terms.OnTimeTarget, onTime is null ? null : onTime >= terms.OnTimeTarget - 1e-9,
            final);
    }

    /// <summary>Hot leads are measured from the lane's hand-off to the first decision, in business hours.</summary>
    public static HotLaneScore HotLane(IEnumerable<Lead> leads, Func<DateTimeOffset, DateTimeOffset, double> businessHours)
    {
        var hot = leads.Where(l => l.Hot is not null).ToList();
        var decided = hot.Where(l => l.FirstDecision is not null).ToList();
        var hours = decided.Select(l => Math.Round(businessHours(l.Hot!.At, l.FirstDecision!.DecidedAt), 2)).Order().ToList();
        return new HotLaneScore(
            hot.Count,
            decided.Count,
            decided.Count(l => l.FirstDecision!.DecidedAt <= l.Hot!.DueAt),
            NearestRank(hours, 50),
            NearestRank(hours, 90),
            hot.Count(l => l.Decision?.Decision == Decision.Accepted));
    }

    public static MetricSet Metrics(IReadOnlyCollection<Lead> leads)
    {
        var delivered = leads.Count;
        var decided = leads.Where(l => l.Decision is not null).ToList();
        var onTime = leads.Count(l => l.FirstDecision?.OnTime == true);
        var hours = leads.Where(l => l.FirstDecision?.TimeToDecide is not null).Select(l => l.FirstDecision!.TimeToDecide!.Value.TotalHours).Order().ToList();
        var accepted = decided.Count(l => l.Decision!.Decision == Decision.Accepted);
        var rejected = decided.Where(l => l.Decision!.Decision == Decision.Rejected).ToList();
        return new MetricSet(
            delivered,
            decided.Count,
            onTime,
            Share(onTime, delivered),
            NearestRank(hours, 50),
            NearestRank(hours, 90),
            leads.Count(l => l.Unworked),
            accepted,
            rejected.Count,
            decided.Count(l => l.Decision!.Decision == Decision.Nurture),
            delivered - decided.Count,
            Share(accepted, delivered),
            rejected.GroupBy(l => l.Decision!.Reason ?? "unspecified").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>The p-th percentile by nearest rank: the value at position ceil(p/100 × n) of the sorted list.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, int percentile) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count)) - 1], 2);

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static List<Breakdown> By(IEnumerable<Lead> leads, Func<Lead, string> key, Func<string, string> label) =>
        leads.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new Breakdown(g.Key, label(g.Key), Metrics(g.ToList())))
            .OrderByDescending(b => b.Metrics.Delivered).ThenBy(b => b.Value, StringComparer.Ordinal)
            .ToList();
}
