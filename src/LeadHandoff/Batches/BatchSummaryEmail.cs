using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;
using LeadHandoff.Leads;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Batches;

/// <summary>The Monday summary for the sales manager and the marketing lead: the promise measured, and where the leads went.</summary>
public static class BatchSummaryEmail
{
    public static EmailMessage Compose(string ledgerId, BatchSummary summary, IReadOnlyList<string> to, TimeZoneInfo zone)
    {
        var deadline = Local(summary.Window.DeadlineAt, zone);
        var sectors = summary.BySegment.Keys.Select(k => k.Sector).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
        var bands = summary.BySegment.Keys.Select(k => k.SizeBand).Distinct().Order(SizeBandOrder.Instance).ToList();
        var met = summary.Delivered >= summary.Target;

        var text = new StringBuilder()
            .Append($"Lead batch {summary.Window.Id}\r\n\r\n{summary.TargetStatement}\r\n\r\n")
            .Append($"Sales' deadline to decide every lead: {deadline}.\r\n");
        if (summary.Delivered > 0)
        {
            text.Append("\r\nBy sector and company size:\r\n");
            foreach (var sector in sectors)
                foreach (var band in bands)
                    if (summary.BySegment.GetValueOrDefault((sector, band)) is var n and > 0) text.Append($"  {sector}, {band}: {n}\r\n");
            text.Append("\r\nBy owner:\r\n");
            foreach (var (owner, leads) in summary.ByOwner) text.Append($"  {owner}: {leads}\r\n");
        }
        var notes = new List<string>
        {
            $"Kept out of sales' hands: {summary.Spam} spam, {summary.Quarantined} held back by the human check.",
        };
        // Why, biggest first: a marketer can tell a bot wave from a broken form or a verifier outage.
        foreach (var (reason, count) in summary.FlaggedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            notes.Add($"{count} {(count == 1 ? "submission" : "submissions")}: {FlagReasons.Describe(reason)}.");
        if (summary.ReleasedFromReview > 0)
            notes.Add($"{summary.ReleasedFromReview} held-back {(summary.ReleasedFromReview == 1 ? "submission was" : "submissions were")} released by marketing after review and {(summary.ReleasedFromReview == 1 ? "is" : "are")} in this batch as {(summary.ReleasedFromReview == 1 ? "a lead" : "leads")}.");
        if (summary.AwaitingReview > 0 && summary.ReviewUrl is { } reviewUrl)
            notes.Add($"{summary.AwaitingReview} held-back {(summary.AwaitingReview == 1 ? "submission waits" : "submissions wait")} for review: release real people as leads, confirm the rest as spam, at {reviewUrl} (opens with marketing's review key).");
        foreach (var problem in summary.RosterProblems)
            notes.Add($"Team settings need attention: {problem} Fix it on the team page.");
        if (summary.ErasedBeforeDelivery > 0)
            notes.Add($"{summary.ErasedBeforeDelivery} {(summary.ErasedBeforeDelivery == 1 ? "lead was" : "leads were")} erased at the person's request before delivery and left out.");
        if (summary.SentLate)
            notes.Add($"This batch went out late: it was due on {Local(summary.Window.ClosesAt, zone)}, and no run sent it then. Sales' deadline counts from when it went.");
        foreach (var name in summary.Rerouted)
            notes.Add($"{name}'s email was refused by the mail service; it went to the sales inbox and the sales manager instead, so those leads still reached sales.");
        foreach (var problem in summary.Undelivered)
            notes.Add($"Not delivered: {problem}. Those leads have not reached their owner; please forward them by hand.");
        foreach (var note in notes) text.Append($"\r\n{note}\r\n");
        var html = HtmlTemplates.Render<WeeklySummary, WeeklySummary.Data>(new(summary, $"Lead batch {summary.Window.Id}", deadline, met, sectors, bands, notes));

        var subject = $"Lead batch {summary.Window.Id}: {summary.Delivered} delivered against a target of {summary.Target}" +
                      (met ? "" : $" ({summary.Target - summary.Delivered} short)");
        return new EmailMessage(ledgerId, to, [], subject, html, text.ToString());
    }
}
