using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.HotLane;

/// <summary>The hot lane's two emails: the lead itself, at once, and the chase when its deadline passes undecided.</summary>
public static class HotLeadEmails
{
    /// <summary>The owner's usual lead card, alone, with a subject and a note that say why it cannot wait.</summary>
    public static EmailMessage Lead(string ledgerId, BatchWindow window, Owner owner, BatchLead lead, string batchUrl, DateTimeOffset dueAt, TimeZoneInfo zone)
    {
        var usual = OwnerBatchEmail.Compose(ledgerId, window with { DeadlineAt = dueAt }, owner, [lead], batchUrl, zone);
        var d = lead.Lead.Details;
        var t = OwnerEmailText.For(owner.Language);
        var note = t["HotNote", d.Company, d.Source.Offer, t.Local(lead.Lead.FirstReceivedAt, zone), t.Local(dueAt, zone)];
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            t["HotSubject", d.Company, d.Source.Offer, t.Short(dueAt, zone)],
            usual.Html, usual.Text, usual.Attachments, usual.Language).WithNotice(note);
    }

    /// <summary>The deadline passed undecided: the owner, with the manager copied, hears once.</summary>
    public static EmailMessage Overdue(string ledgerId, Owner owner, BatchLead lead, DateTimeOffset dueAt, IReadOnlyList<string> cc, DateTimeOffset now, TimeZoneInfo zone)
    {
        var d = lead.Lead.Details;
        var t = OwnerEmailText.For(owner.Language);
        var late = t.Late(now - dueAt);
        var title = t["OverdueTitle", d.Company, late];
        var body = t["OverdueBody", owner.Name, d.Company, d.Name, d.JobTitle, d.Source.Offer, t.Local(dueAt, zone)];
        var html = HtmlTemplates.Render<HotOverdue, HotOverdue.Data>(new(lead, t, title, t["OverduePreheader", t.Short(dueAt, zone)], body));
        var text = $"{title}\r\n\r\n{body}\r\n\r\n{t["OverdueLinkText", lead.QualifyUrl]}\r\n";
        return new EmailMessage(ledgerId, [owner.Email], cc, t["OverdueSubject", d.Company, late], html, text, language: t.Language);
    }
}
