using LeadHandoff.Batches;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

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
        var received = Local(lead.Lead.FirstReceivedAt, zone);
        var note = $"Marketing released this lead from review today. It came in on {received} but was held back by the spam checks, so it missed its weekly batch.";
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            $"Released from review: a lead for you, decide by {Short(window.DeadlineAt, zone)}",
            usual.Html, usual.Text, usual.Attachments).WithNotice(note);
    }
}
