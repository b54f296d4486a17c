using System.Globalization;
using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;

namespace LeadHandoff.Scorecards;

/// <summary>
/// The weekly scorecard for the sales manager and the marketing lead: the closed batch's figures,
/// the trailing window's, and a bar chart built from table cells, because mail clients block SVG.
/// </summary>
public static class ScorecardEmail
{
    /// <summary>The email, or null before the first batch week (there is nothing to score yet).</summary>
    public static EmailMessage? Compose(string ledgerId, Scorecard card, IReadOnlyList<string> to)
    {
        if (card.Weeks.Count == 0) return null;
        var week = card.Weeks[^1];
        var m = week.Metrics;
        var t = card.Totals;
        var headline = $"Batch {week.Week}: {m.Delivered} delivered (target {week.Target}), {Pct(m.OnTimeShare)} decided on time, {Pct(m.Conversion)} accepted as SQL.";
        var title = $"Scorecard: batch {week.Week}";
        var max = Math.Max(card.WeeklyTarget, card.Weeks.Max(w => w.Metrics.Delivered));
        var html = HtmlTemplates.Render<ScorecardSummary, ScorecardSummary.Data>(new(
            title,
            headline,
            [
                ("Delivered against target", $"{m.Delivered} / {week.Target} ({(week.TargetHit ? "met" : "missed")})"),
                ("Decided by the deadline", $"{Pct(m.OnTimeShare)} ({m.DecidedOnTime} of {m.Delivered})"),
                ("Time to decide", $"median {Hours(m.MedianHoursToDecide)}, 90th percentile {Hours(m.P90HoursToDecide)}"),
                ("Outcomes", $"{m.Accepted} accepted, {m.Rejected} rejected, {m.Nurture} nurture, {m.Undecided} undecided, {m.Unworked} unworked"),
                ("Reject reasons", m.RejectReasons.Count == 0 ? "none" : string.Join(", ", m.RejectReasons.Select(r => $"{r.Key} {r.Value}"))),
                ("Spam / quarantined", $"{week.Spam} / {week.Quarantined}"),
            ],
            $"Last {card.Weeks.Count} weeks: delivered against {card.WeeklyTarget} a week",
            [.. card.Weeks.Select(w => new ScorecardSummary.Bar(WeekLabel(w), w.Metrics.Delivered, max == 0 ? 0 : (int)Math.Round(w.Metrics.Delivered * 100.0 / max), w.TargetHit ? "#2e7d32" : "#c62828"))],
            $"Over the {card.Weeks.Count} weeks: {t.Delivered} delivered, target hit in {card.WeeksTargetHit} weeks, {Pct(t.OnTimeShare)} decided on time, {Pct(t.Conversion)} MQL → SQL."));
        var text = new StringBuilder($"Scorecard: batch {week.Week}\r\n\r\n{headline}\r\n")
            .Append($"Time to decide: median {Hours(m.MedianHoursToDecide)}, 90th percentile {Hours(m.P90HoursToDecide)}.\r\n")
            .Append($"Outcomes: {m.Accepted} accepted, {m.Rejected} rejected, {m.Nurture} nurture, {m.Undecided} undecided, {m.Unworked} unworked.\r\n\r\n")
            .Append($"Last {card.Weeks.Count} weeks (target {card.WeeklyTarget}):\r\n");
        foreach (var w in card.Weeks) text.Append($"  {WeekLabel(w)}: {w.Metrics.Delivered}{(w.TargetHit ? "" : " (missed)")}\r\n");
        return new EmailMessage(ledgerId, to, [], $"Scorecard for batch {week.Week}: {m.Delivered} delivered, {Pct(m.OnTimeShare)} on time, {Pct(m.Conversion)} SQL", html, text.ToString());
    }

    /// <summary>"7 Dec": the week by the day its batch went out, as people remember it.</summary>
    public static string WeekLabel(WeekScore week) =>
        week.BatchDate == default ? week.Week : week.BatchDate.ToString("d MMM", CultureInfo.InvariantCulture);

    private static string Pct(double? share) => share is null ? "n/a" : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Hours(double? hours) => hours is null ? "n/a" : hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
