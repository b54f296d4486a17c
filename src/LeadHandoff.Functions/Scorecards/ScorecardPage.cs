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
        if (card.Weeks.Count == 0)
            return PageLayout.Render("Scorecard", "<h1>Scorecard</h1><div class=\"card\"><p>No batch has gone out in this period yet: the scorecard starts with the first batch week.</p></div>");
        var first = card.Weeks[0];
        var last = card.Weeks[^1];
        var body = new StringBuilder()
            .Append($"<h1>Scorecard: batches of {H(first.BatchDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture))} to {H(last.BatchDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture))}</h1>")
            .Append($"<p class=\"muted\">{card.Weeks.Count} batch {(card.Weeks.Count == 1 ? "week" : "weeks")}, {H(card.From)} to {H(card.To)}.</p>")
            .Append("<section class=\"card\" aria-labelledby=\"kpi\"><h2 id=\"kpi\">The agreement in numbers</h2><dl>")
            .Append($"<dt>Leads delivered</dt><dd>{t.Delivered} against a target of {card.WeeklyTarget * card.Weeks.Count} ({card.WeeklyTarget} a week); target hit in {card.WeeksTargetHit} of {Count(card.Weeks.Count, "week")}</dd>")
            .Append($"<dt>Decided by the deadline</dt><dd>{Pct(t.OnTimeShare)} ({t.DecidedOnTime} of {t.Delivered})</dd>")
            .Append($"<dt>Time to decide</dt><dd>median {Hours(t.MedianHoursToDecide)}, 90th percentile {Hours(t.P90HoursToDecide)}</dd>")
            .Append($"<dt>MQL → SQL</dt><dd>{Pct(t.Conversion)} ({t.Accepted} accepted of {t.Delivered})</dd>")
            .Append($"<dt>Outcomes</dt><dd>{t.Accepted} accepted, {t.Rejected} rejected, {t.Nurture} back to nurture, {t.Undecided} undecided, {t.Unworked} unworked</dd>")
            .Append($"<dt>Kept from sales</dt><dd>{card.Spam} spam, {card.Quarantined} quarantined</dd>")
            .Append(card.Hot.Leads == 0 ? "" : $"<dt>Hot leads (sent at once)</dt><dd>{Count(card.Hot.Leads, "lead")}: {card.Hot.DecidedInTime} decided within their deadline, {card.Hot.Decided} decided in all, {card.Hot.Accepted} accepted; business hours to decide: median {Hours(card.Hot.MedianBusinessHours)}, 90th percentile {Hours(card.Hot.P90BusinessHours)}</dd>")
            .Append("</dl></section>")
            .Append("<section class=\"card\"><h2>Delivered against target</h2>")
            .Append(SvgCharts.Bars("Leads delivered per week against the target", card.Weeks.Select(w => (ScorecardEmail.WeekLabel(w), w.Metrics.Delivered)).ToList(), card.WeeklyTarget))
            .Append("</section><section class=\"card\"><h2>Decided on time</h2>")
            .Append(SvgCharts.Line("Share of leads decided by the deadline, per week", card.Weeks.Select(w => (ScorecardEmail.WeekLabel(w), w.Metrics.OnTimeShare)).ToList(), "#0b5cad"))
            .Append("</section><section class=\"card\"><h2>MQL → SQL conversion</h2>")
            .Append(SvgCharts.Line("Share of delivered leads accepted, per week", card.Weeks.Select(w => (ScorecardEmail.WeekLabel(w), w.Metrics.Conversion)).ToList(), "#2e7d32"))
            .Append("</section><section class=\"card\"><h2>Why leads were rejected</h2>")
            .Append(SvgCharts.HorizontalBars("Reject reasons", t.RejectReasons.Select(r => (reasonLabels.GetValueOrDefault(r.Key, r.Key), r.Value)).ToList()))
            .Append("</section>");
        Table(body, "By owner", "Owner", card.ByOwner, reasonLabels);
        Table(body, "By offer", "Offer", card.Feedback.ByOffer, reasonLabels);
        Table(body, "By campaign (utm_campaign)", "Campaign", card.Feedback.ByUtmCampaign, reasonLabels);
        Table(body, "By source (utm_source)", "Source", card.Feedback.ByUtmSource, reasonLabels);
        Table(body, "By sector", "Sector", card.Feedback.BySector, reasonLabels);
        Table(body, "By company size", "Company size", card.Feedback.BySizeBand, reasonLabels);
        return PageLayout.Render($"Scorecard to {last.BatchDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", body.ToString()).Replace("max-width:46rem", "max-width:60rem", StringComparison.Ordinal);
    }

    /// <summary>
    /// A breakdown table in a region that scrolls sideways on a phone: it can take keyboard focus
    /// (so it can be scrolled without a mouse), is named for screen readers, and says it scrolls.
    /// </summary>
    private static void Table(StringBuilder body, string title, string firstColumn, IReadOnlyList<Breakdown> rows, IReadOnlyDictionary<string, string> reasonLabels)
    {
        body.Append($"<section class=\"card\"><h2>{H(title)}</h2><p class=\"muted scroll-hint\">Scroll sideways for more columns.</p>")
            .Append($"<div class=\"scroll\" role=\"region\" aria-label=\"{H(title)}\" tabindex=\"0\"><table style=\"border-collapse:collapse;width:100%\">")
            .Append($"<thead><tr><th scope=\"col\" style=\"text-align:left\">{H(firstColumn)}</th><th scope=\"col\">Delivered</th><th scope=\"col\">Accepted</th><th scope=\"col\">Conversion</th><th scope=\"col\">On time</th><th scope=\"col\">Rejected</th><th scope=\"col\" style=\"text-align:left\">Top reject reasons</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var m = row.Metrics;
            var reasons = string.Join(", ", m.RejectReasons.Take(3).Select(r => $"{reasonLabels.GetValueOrDefault(r.Key, r.Key)} ({r.Value})"));
            body.Append($"<tr><th scope=\"row\" style=\"text-align:left;font-weight:400\">{H(row.Label)}</th><td>{m.Delivered}</td><td>{m.Accepted}</td><td>{Pct(m.Conversion)}</td><td>{Pct(m.OnTimeShare)}</td><td>{m.Rejected}</td><td>{H(reasons)}</td></tr>");
        }
        body.Append("</tbody></table></div></section>");
    }

    public static string Pct(double? share) => share is null ? "n/a" : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Hours(double? hours) => hours is null ? "n/a" : hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
