using LeadHandoff.Batches;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.HotLane;

/// <summary>The hot lane's two emails: the lead itself, at once, and the chase when its deadline passes undecided.</summary>
public static class HotLeadEmails
{
    /// <summary>The owner's usual lead card, alone, with a subject and a note that say why it cannot wait.</summary>
    public static EmailMessage Lead(string ledgerId, BatchWindow window, Owner owner, BatchLead lead, string batchUrl, DateTimeOffset dueAt, TimeZoneInfo zone)
    {
        var usual = OwnerBatchEmail.Compose(ledgerId, window with { DeadlineAt = dueAt }, owner, [lead], batchUrl, zone);
        var d = lead.Lead.Details;
        var note = $"A hot lead: {d.Company} asked for \"{d.Source.Offer}\" at {Local(lead.Lead.FirstReceivedAt, zone)}. " +
                   $"It comes to you now rather than in Monday's batch: please contact them and decide by {Local(dueAt, zone)}.";
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            $"Hot lead: {d.Company} ({d.Source.Offer}), decide by {Short(dueAt, zone)}",
            usual.Html, usual.Text, usual.Attachments).WithNotice(note);
    }

    /// <summary>The deadline passed undecided: the owner, with the manager copied, hears once.</summary>
    public static EmailMessage Overdue(string ledgerId, Owner owner, BatchLead lead, DateTimeOffset dueAt, IReadOnlyList<string> cc, DateTimeOffset now, TimeZoneInfo zone)
    {
        var d = lead.Lead.Details;
        var late = Deadlines.DeadlineEmails.Late(now - dueAt);
        var title = $"Hot lead {d.Company} is {late}";
        var body = $"Hello {owner.Name}, the hot lead from {d.Company} ({d.Name}, {d.JobTitle}) asked for {d.Source.Offer} " +
                   $"and was due a decision by {Local(dueAt, zone)}. The sales manager is copied.";
        var html = HtmlTemplates.Render<HotOverdue, HotOverdue.Data>(new(lead, title, $"Decide it now: it was due {Short(dueAt, zone)}", body));
        var text = $"{title}\r\n\r\n{body}\r\n\r\nQualify it now: {lead.QualifyUrl}\r\n";
        return new EmailMessage(ledgerId, [owner.Email], cc, $"Overdue hot lead: {d.Company} ({late})", html, text);
    }
}
