using LeadHandoff.Functions.Http;
using System.Globalization;
using System.Text;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Scorecards;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Scorecards;

/// <summary>The scorecard for people: headline figures, four inline SVG charts, and feedback tables for marketing.</summary>
public static class ScorecardPage
{
    public static string Render(Scorecard card, IReadOnlyDictionary<string, string> reasonLabels)
    {
        var t = card.Totals;
        var body = new StringBuilder()
            .Append($"<h1>Scorecard {H(card.From)} to {H(card.To)}</h1>")
            .Append("<section class=\"card\" aria-labelledby=\"kpi\"><h2 id=\"kpi\">The agreement in numbers</h2><dl>")
            .Append($"<dt>Leads delivered</dt><dd>{t.Delivered} against a target of {card.WeeklyTarget * card.Weeks.Count} ({card.WeeklyTarget} a week); target hit in {card.WeeksTargetHit} of {card.Weeks.Count} weeks</dd>")
            .Append($"<dt>Decided by the deadline</dt><dd>{Pct(t.OnTimeShare)} ({t.DecidedOnTime} of {t.Delivered})</dd>")
            .Append($"<dt>Time to decide</dt><dd>median {Hours(t.MedianHoursToDecide)}, 90th percentile {Hours(t.P90HoursToDecide)}</dd>")
            .Append($"<dt>MQL → SQL</dt><dd>{Pct(t.Conversion)} ({t.Accepted} accepted of {t.Delivered})</dd>")
            .Append($"<dt>Outcomes</dt><dd>{t.Accepted} accepted, {t.Rejected} rejected, {t.Nurture} back to nurture, {t.Undecided} undecided, {t.Unworked} unworked</dd>")
            .Append($"<dt>Kept from sales</dt><dd>{card.Spam} spam, {card.Quarantined} quarantined</dd></dl></section>")
            .Append("<section class=\"card\"><h2>Delivered against target</h2>")
            .Append(SvgCharts.Bars("Leads delivered per week against the target", card.Weeks.Select(w => (w.Week, w.Metrics.Delivered)).ToList(), card.WeeklyTarget))
            .Append("</section><section class=\"card\"><h2>Decided on time</h2>")
            .Append(SvgCharts.Line("Share of leads decided by the deadline, per week", card.Weeks.Select(w => (w.Week, w.Metrics.OnTimeShare)).ToList(), "#0b5cad"))
            .Append("</section><section class=\"card\"><h2>MQL → SQL conversion</h2>")
            .Append(SvgCharts.Line("Share of delivered leads accepted, per week", card.Weeks.Select(w => (w.Week, w.Metrics.Conversion)).ToList(), "#2e7d32"))
            .Append("</section><section class=\"card\"><h2>Why leads were rejected</h2>")
            .Append(SvgCharts.HorizontalBars("Reject reasons", t.RejectReasons.Select(r => (reasonLabels.GetValueOrDefault(r.Key, r.Key), r.Value)).ToList()))
            .Append("</section>");
        Table(body, "By owner", card.ByOwner);
        Table(body, "By offer", card.Feedback.ByOffer);
        Table(body, "By campaign (utm_campaign)", card.Feedback.ByUtmCampaign);
        Table(body, "By source (utm_source)", card.Feedback.ByUtmSource);
        Table(body, "By sector", card.Feedback.BySector);
        Table(body, "By company size", card.Feedback.BySizeBand);
        return PageLayout.Render($"Scorecard {card.To}", body.ToString()).Replace("max-width:46rem", "max-width:60rem", StringComparison.Ordinal);
    }

    private static void Table(StringBuilder body, string title, IReadOnlyList<Breakdown> rows)
    {
        body.Append($"<section class=\"card\"><h2>{H(title)}</h2><div style=\"overflow-x:auto\"><table style=\"border-collapse:collapse;width:100%\">")
            .Append("<thead><tr><th scope=\"col\" style=\"text-align:left\">Value</th><th scope=\"col\">Delivered</th><th scope=\"col\">Accepted</th><th scope=\"col\">Conversion</th><th scope=\"col\">On time</th><th scope=\"col\">Rejected</th><th scope=\"col\" style=\"text-align:left\">Top reject reasons</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var m = row.Metrics;
            var reasons = string.Join(", ", m.RejectReasons.Take(3).Select(r => $"{r.Key} ({r.Value})"));
            body.Append($"<tr><th scope=\"row\" style=\"text-align:left;font-weight:400\">{H(row.Label)}</th><td>{m.Delivered}</td><td>{m.Accepted}</td><td>{Pct(m.Conversion)}</td><td>{Pct(m.OnTimeShare)}</td><td>{m.Rejected}</td><td>{H(reasons)}</td></tr>");
        }
        body.Append("</tbody></table></div></section>");
    }

    public static string Pct(double? share) => share is null ? "n/a" : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Hours(double? hours) => hours is null ? "n/a" : hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
