using LeadHandoff.Email;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.Reassignment;

/// <summary>The new owner's email after a reassignment: their usual lead cards, and a note saying who moved them and from whom (<paramref name="fromNames"/>; null: their earlier owner).</summary>
public static class ReassignedLeadsEmail
{
    public static EmailMessage Compose(string ledgerId, BatchWindow window, Owner to, IReadOnlyList<BatchLead> leads, string batchUrl, string? fromNames, string by, TimeZoneInfo zone)
    {
        var usual = OwnerBatchEmail.Compose(ledgerId, window, to, leads, batchUrl, zone);
        var t = OwnerEmailText.For(to.Language);
        var note = t["ReassignedNote", by, t.Leads(leads.Count), fromNames ?? t["EarlierOwner"], t.Local(window.DeadlineAt, zone)];
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            t["ReassignedSubject", t.Leads(leads.Count), window.Id, t.Short(window.DeadlineAt, zone)],
            usual.Html, usual.Text, usual.Attachments, usual.Language).WithNotice(note);
    }
}
