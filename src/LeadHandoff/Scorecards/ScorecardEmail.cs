using System.Globalization;
using System.Text;
using LeadHandoff.Email;
using static LeadHandoff.Email.EmailText;

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
        var html = new StringBuilder(Open($"Scorecard: batch {week.Week}", headline))
            .Append($"<h1 style=\"font-size:20px\">Scorecard: batch {H(week.Week)}</h1><p><strong>{H(headline)}</strong></p>")
            .Append($"<table role=\"presentation\" style=\"{TableStyle}\">")
            .Append(Row("Delivered against target", $"{m.Delivered} / {week.Target} ({(week.TargetHit ? "met" : "missed")})"))
            .Append(Row("Decided by the deadline", $"{Pct(m.OnTimeShare)} ({m.DecidedOnTime} of {m.Delivered})"))
            .Append(Row("Time to decide", $"median {Hours(m.MedianHoursToDecide)}, 90th percentile {Hours(m.P90HoursToDecide)}"))
            .Append(Row("Outcomes", $"{m.Accepted} accepted, {m.Rejected} rejected, {m.Nurture} nurture, {m.Undecided} undecided, {m.Unworked} unworked"))
            .Append(Row("Reject reasons", m.RejectReasons.Count == 0 ? "none" : string.Join(", ", m.RejectReasons.Select(r => $"{r.Key} {r.Value}"))))
            .Append(Row("Spam / quarantined", $"{week.Spam} / {week.Quarantined}"))
            .Append("</table>")
            .Append($"<h2 style=\"font-size:17px\">Last {card.Weeks.Count} weeks: delivered against {card.WeeklyTarget} a week</h2>")
            .Append($"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;font-size:12px\">");
        var max = Math.Max(card.WeeklyTarget, card.Weeks.Max(w => w.Metrics.Delivered));
        foreach (var w in card.Weeks)
        {
            var width = max == 0 ? 0 : (int)Math.Round(w.Metrics.Delivered * 100.0 / max);
            var colour = w.TargetHit ? "#2e7d32" : "#c62828";
            html.Append($"<tr><td style=\"width:70px;padding:2px 6px 2px 0\">{H(WeekLabel(w))}</td><td style=\"padding:2px 0\">")
                .Append($"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"><tr>")
                .Append(width > 0 ? $"<td width=\"{width}%\" bgcolor=\"{colour}\" style=\"background:{colour};height:14px\">&nbsp;</td>" : "")
                .Append($"<td style=\"padding-left:6px\">{w.Metrics.Delivered}</td></tr></table></td></tr>");
        }
        html.Append("</table>")
            .Append($"<p>Over the {card.Weeks.Count} weeks: {t.Delivered} delivered, target hit in {card.WeeksTargetHit} weeks, {Pct(t.OnTimeShare)} decided on time, {Pct(t.Conversion)} MQL → SQL.</p>")
            .Append(Close);
        var text = new StringBuilder($"Scorecard: batch {week.Week}\r\n\r\n{headline}\r\n")
            .Append($"Time to decide: median {Hours(m.MedianHoursToDecide)}, 90th percentile {Hours(m.P90HoursToDecide)}.\r\n")
            .Append($"Outcomes: {m.Accepted} accepted, {m.Rejected} rejected, {m.Nurture} nurture, {m.Undecided} undecided, {m.Unworked} unworked.\r\n\r\n")
            .Append($"Last {card.Weeks.Count} weeks (target {card.WeeklyTarget}):\r\n");
        foreach (var w in card.Weeks) text.Append($"  {WeekLabel(w)}: {w.Metrics.Delivered}{(w.TargetHit ? "" : " (missed)")}\r\n");
        return new EmailMessage(ledgerId, to, [], $"Scorecard for batch {week.Week}: {m.Delivered} delivered, {Pct(m.OnTimeShare)} on time, {Pct(m.Conversion)} SQL", html.ToString(), text.ToString());
    }

    /// <summary>"7 Dec": the week by the day its batch went out, as people remember it.</summary>
    public static string WeekLabel(WeekScore week) =>
        week.BatchDate == default ? week.Week : week.BatchDate.ToString("d MMM", CultureInfo.InvariantCulture);

    private static string Row(string label, string value) =>
        $"<tr><th style=\"{CellStyle};width:40%\">{H(label)}</th><td style=\"{CellStyle}\">{H(value)}</td></tr>";

    private static string Pct(double? share) => share is null ? "n/a" : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Hours(double? hours) => hours is null ? "n/a" : hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
