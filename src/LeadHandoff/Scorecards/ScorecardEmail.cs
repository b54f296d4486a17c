using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;

namespace LeadHandoff.Scorecards;

/// <summary>
/// The weekly scorecard for the sales manager and the marketing lead: the closed batch's figures,
/// the trailing window's, and a bar chart built from table cells, because mail clients block SVG.
/// </summary>
public static class ScorecardEmail
{
    /// <summary>The email, or null before the first batch week (there is nothing to score yet).</summary>
    /// <param name="language">The recipients' language (en or th).</param>
    /// <param name="qualification">Whose reject reasons' words the email uses (the defaults when left out).</param>
    /// <param name="agreementUrl">The agreement page, linked under the figures.</param>
    public static EmailMessage? Compose(string ledgerId, Scorecard card, IReadOnlyList<string> to, string? language = null, Leads.QualificationOptions? qualification = null, string? agreementUrl = null)
    {
        if (card.Weeks.Count == 0) return null;
        var s = StaffEmailText.For(language);
        var week = card.Weeks[^1];
        var m = week.Metrics;
        var t = card.Totals;
        var reasons = (qualification ?? new()).LabelsIn(s.Language);
        var headline = s["ScHeadline", week.Week, m.Delivered, week.Target, s.Percent(m.OnTimeShare), s.Percent(m.Conversion)];
        var title = s["ScTitle", week.Week];
        var time = s["ScTimeValue", s.Hours(m.MedianHoursToDecide), s.Hours(m.P90HoursToDecide)];
        var max = Math.Max(card.WeeklyTarget, card.Weeks.Max(w => w.Metrics.Delivered));
        var html = HtmlTemplates.Render<ScorecardSummary, ScorecardSummary.Data>(new(
            s.Language,
            title,
            headline,
            [
                (s["ScDelivered"], s["ScDeliveredValue", m.Delivered, week.Target, s[week.TargetHit ? "ScMet" : "ScMissed"]]),
                (s["ScOnTime"], s["ScOnTimeValue", s.Percent(m.OnTimeShare), m.DecidedOnTime, m.Delivered]),
                (s["ScTime"], time),
                (s["ScOutcomes"], s["ScOutcomesValue", m.Accepted, m.Rejected, m.Nurture, m.Undecided, m.Unworked]),
                (s["ScReasons"], m.RejectReasons.Count == 0 ? s["ScNone"] : string.Join(", ", m.RejectReasons.Select(r => $"{reasons.GetValueOrDefault(r.Key, r.Key)} {r.Value}"))),
                (s["ScSpam"], $"{week.Spam} / {week.Quarantined}"),
                (s["ScAgreement", week.AgreementVersion], s["ScAgreementValue", s.Percent(week.Grade.Quality), s.Percent(week.Grade.QualityTarget), Verdict(s, week.Grade.QualityMet), s.Percent(week.Grade.OnTime), s.Percent(week.Grade.OnTimeTarget), Verdict(s, week.Grade.OnTimeMet)]),
            ],
            s["ScChart", card.Weeks.Count, card.WeeklyTarget],
            [.. card.Weeks.Select(w => new ScorecardSummary.Bar(WeekLabel(w, s), w.Metrics.Delivered, max == 0 ? 0 : (int)Math.Round(w.Metrics.Delivered * 100.0 / max), w.TargetHit ? "#2e7d32" : "#c62828"))],
            s["ScFooter", card.Weeks.Count, t.Delivered, card.WeeksTargetHit, s.Percent(t.OnTimeShare), s.Percent(t.Conversion)])
        {
            Link = agreementUrl is null ? null : (agreementUrl, s["AgendaLinkLabel"]),
        });
        var text = new StringBuilder($"{title}\r\n\r\n{headline}\r\n")
            .Append($"{s["ScTimeText", s.Hours(m.MedianHoursToDecide), s.Hours(m.P90HoursToDecide)]}\r\n")
            .Append($"{s["ScOutcomesText", m.Accepted, m.Rejected, m.Nurture, m.Undecided, m.Unworked]}\r\n\r\n")
            .Append($"{s["ScWeeksText", card.Weeks.Count, card.WeeklyTarget]}\r\n");
        foreach (var w in card.Weeks) text.Append($"  {WeekLabel(w, s)}: {w.Metrics.Delivered}{(w.TargetHit ? "" : s["ScMissedText"])}\r\n");
        text.Append($"\r\n{s["ScAgreement", week.AgreementVersion]}: {s["ScAgreementValue", s.Percent(week.Grade.Quality), s.Percent(week.Grade.QualityTarget), Verdict(s, week.Grade.QualityMet), s.Percent(week.Grade.OnTime), s.Percent(week.Grade.OnTimeTarget), Verdict(s, week.Grade.OnTimeMet)]}\r\n");
        if (agreementUrl is not null) text.Append($"{s["AgendaLink", agreementUrl]}\r\n");
        return new EmailMessage(ledgerId, to, [], s["ScSubject", week.Week, m.Delivered, s.Percent(m.OnTimeShare), s.Percent(m.Conversion)], html, text.ToString(), language: s.Language);
    }

    private static string Verdict(StaffEmailText s, bool? met) => s[met is null ? "AgendaNoData" : met.Value ? "AgendaMet" : "AgendaNotMet"];

    /// <summary>"7 Dec": the week by the day its batch went out, as people remember it.</summary>
    public static string WeekLabel(WeekScore week, StaffEmailText? text = null) =>
        week.BatchDate == default ? week.Week : (text ?? StaffEmailText.English).Week(week.BatchDate);
}
