using System.Globalization;
using System.Text;
using LeadHandoff.Leads;

namespace LeadHandoff.Scorecards;

/// <summary>The scorecard as one CSV table: a row per week, the total, then a row per owner and per feedback value.</summary>
public static class ScorecardCsv
{
    public static readonly string[] Header =
    [
        "scope", "key", "label", "delivered", "target", "target_hit", "spam", "quarantined", "decided", "decided_on_time", "on_time_share",
        "median_hours_to_decide", "p90_hours_to_decide", "unworked", "accepted", "rejected", "nurture", "undecided", "conversion", "reject_reasons",
        "agreement_version", "counted", "out_of_definition", "quality", "quality_target", "quality_met", "on_time_target", "on_time_met", "grade_final",
    ];

    public static string Write(Scorecard card)
    {
        var csv = SafeCsv.Row(new StringBuilder(), Header);
        foreach (var week in card.Weeks)
            Row(csv, "week", week.Week, week.BatchDate == default ? week.Week : week.BatchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.Metrics, week.Target, week.TargetHit, week.Spam, week.Quarantined, week);
        Row(csv, "total", $"{card.From}..{card.To}", $"{card.Weeks.Count} weeks, target hit in {card.WeeksTargetHit}", card.Totals, card.WeeklyTarget * card.Weeks.Count, null, card.Spam, card.Quarantined);
        foreach (var owner in card.ByOwner) Row(csv, "owner", owner.Value, owner.Label, owner.Metrics);
        foreach (var (scope, rows) in new[] { ("offer", card.Feedback.ByOffer), ("utm_source", card.Feedback.ByUtmSource), ("utm_campaign", card.Feedback.ByUtmCampaign), ("sector", card.Feedback.BySector), ("size_band", card.Feedback.BySizeBand) })
            foreach (var row in rows) Row(csv, scope, row.Value, row.Label, row.Metrics);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string scope, string key, string label, MetricSet m, int? target = null, bool? hit = null, int? spam = null, int? quarantined = null, WeekScore? week = null) =>
        SafeCsv.Row(csv,
        [
            scope, key, label, N(m.Delivered), N(target), YesNo(hit), N(spam), N(quarantined), N(m.Decided), N(m.DecidedOnTime),
            D(m.OnTimeShare), D(m.MedianHoursToDecide), D(m.P90HoursToDecide), N(m.Unworked), N(m.Accepted), N(m.Rejected), N(m.Nurture), N(m.Undecided),
            D(m.Conversion), string.Join("; ", m.RejectReasons.Select(r => $"{r.Key}={r.Value}")),
            N(week?.AgreementVersion), N(week?.Grade.Counted), N(week?.Grade.OutOfDefinition), D(week?.Grade.Quality), D(week?.Grade.QualityTarget), YesNo(week?.Grade.QualityMet),
            D(week?.Grade.OnTimeTarget), YesNo(week?.Grade.OnTimeMet), YesNo(week?.Grade.Final),
        ]);

    private static string YesNo(bool? value) => value is null ? "" : value.Value ? "yes" : "no";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string D(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
