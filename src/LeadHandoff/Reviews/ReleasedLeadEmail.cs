using LeadHandoff.Email;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.Reviews;

/// <summary>
/// A lead released from review after its batch had gone: the owner's usual email for one lead, with
/// a subject and a note that say why it comes on its own.
/// </summary>
public static class ReleasedLeadEmail
{
    public static EmailMessage Compose(string ledgerId, BatchWindow window, Owner owner, BatchLead lead, string batchUrl, TimeZoneInfo zone)
    {
        var usual = OwnerBatchEmail.Compose(ledgerId, window, owner, [lead], batchUrl, zone);
        var t = OwnerEmailText.For(owner.Language);
        var note = t["ReleasedNote", t.Local(lead.Lead.FirstReceivedAt, zone)];
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            t["ReleasedSubject", t.Short(window.DeadlineAt, zone)],
            usual.Html, usual.Text, usual.Attachments, usual.Language).WithNotice(note);
    }
}
