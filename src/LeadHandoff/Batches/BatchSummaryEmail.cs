using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Leads;

namespace LeadHandoff.Batches;

/// <summary>The Monday summary for the sales manager and the marketing lead: the promise measured, and where the leads went.</summary>
public static class BatchSummaryEmail
{
    /// <param name="language">The recipients' language (en or th).</param>
    public static EmailMessage Compose(string ledgerId, BatchSummary summary, IReadOnlyList<string> to, TimeZoneInfo zone, string? language = null)
    {
        var t = StaffEmailText.For(language);
        var flags = FlagReasonText.For(language);
        var deadline = t.Local(summary.Window.DeadlineAt, zone);
        var statement = summary.StatementIn(t);
        var sectors = summary.BySegment.Keys.Select(k => k.Sector).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
        var bands = summary.BySegment.Keys.Select(k => k.SizeBand).Distinct().Order(SizeBandOrder.Instance).ToList();
        var met = summary.Counted >= summary.Target;
        var title = t["SumTitle", summary.Window.Id];

        var text = new StringBuilder()
            .Append($"{title}\r\n\r\n{statement}\r\n\r\n")
            .Append($"{t["SumDeadline", deadline]}\r\n");
        if (summary.Delivered > 0)
        {
            text.Append($"\r\n{t["SumBySegmentText"]}\r\n");
            foreach (var sector in sectors)
                foreach (var band in bands)
                    if (summary.BySegment.GetValueOrDefault((sector, band)) is var n and > 0) text.Append($"  {sector}, {band}: {n}\r\n");
            text.Append($"\r\n{t["SumByOwnerText"]}\r\n");
            foreach (var (owner, leads) in summary.ByOwner) text.Append($"  {owner}: {leads}\r\n");
        }
        string Counted(string key, int n, params object[] more) => t[key + (n == 1 ? "One" : "Many"), [n, .. more]];
        var notes = new List<string> { t["SumKept", summary.Spam, summary.Quarantined] };
        // Why, biggest first: a marketer can tell a bot wave from a broken form or a verifier outage.
        foreach (var (reason, count) in summary.FlaggedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            notes.Add(Counted("SumFlag", count, flags.Describe(reason)));
        if (summary.ReleasedFromReview > 0) notes.Add(Counted("SumReleased", summary.ReleasedFromReview));
        if (summary.AwaitingReview > 0 && summary.ReviewUrl is { } reviewUrl) notes.Add(Counted("SumAwaiting", summary.AwaitingReview, reviewUrl));
        // Roster problems in the readers' words; the mail service's details are its own diagnostics, quoted as recorded.
        foreach (var problem in summary.RosterProblems) notes.Add(t["SumRoster", ValidationText.For(t.Language).Describe(problem)]);
        if (summary.OutOfDefinition > 0) notes.Add(Counted("SumOutOfDefinition", summary.OutOfDefinition));
        if (summary.ErasedBeforeDelivery > 0) notes.Add(Counted("SumErased", summary.ErasedBeforeDelivery));
        if (summary.SentLate) notes.Add(t["SumLate", t.Local(summary.Window.ClosesAt, zone)]);
        foreach (var name in summary.Rerouted) notes.Add(t["SumRerouted", name]);
        foreach (var problem in summary.Undelivered) notes.Add(t["SumUndelivered", problem]);
        foreach (var note in notes) text.Append($"\r\n{note}\r\n");
        var agenda = summary.Agenda?.Lines(t) ?? [];
        if (summary.Agenda is { } meeting)
        {
            text.Append($"\r\n{t["AgendaHeading"]}\r\n");
            foreach (var (line, items) in agenda)
            {
                text.Append($"\r\n{line}\r\n");
                foreach (var item in items) text.Append($"  - {item}\r\n");
            }
            text.Append($"\r\n{t["AgendaLink", meeting.AgreementUrl]}\r\n");
        }
        var html = HtmlTemplates.Render<WeeklySummary, WeeklySummary.Data>(new(summary, t, title, statement, t.Around("SumDeadline", 0, deadline), deadline, met, sectors, bands, notes) { Agenda = agenda });

        var subject = t["SumSubject", summary.Window.Id, summary.Counted, summary.Target] + (met ? "" : t["SumShort", summary.Target - summary.Counted]);
        return new EmailMessage(ledgerId, to, [], subject, html, text.ToString(), language: t.Language);
    }
}
