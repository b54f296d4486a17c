using LeadHandoff.Batches;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Team;

/// <summary>The new owner's email after a reassignment: their usual lead cards, and a note saying who moved them and from whom.</summary>
public static class ReassignedLeadsEmail
{
    public static EmailMessage Compose(string ledgerId, BatchWindow window, Owner to, IReadOnlyList<BatchLead> leads, string batchUrl, string fromNames, string by, TimeZoneInfo zone)
    {
        var usual = OwnerBatchEmail.Compose(ledgerId, window, to, leads, batchUrl, zone);
        var note = $"The {by} moved {Count(leads.Count, "lead")} to you from {fromNames}. The earlier links no longer record a decision; these do. Please decide by {Local(window.DeadlineAt, zone)}.";
        return new EmailMessage(usual.LedgerId, usual.To, usual.Cc,
            $"Reassigned to you: {Count(leads.Count, "lead")} from batch {window.Id}, decide by {Short(window.DeadlineAt, zone)}",
            usual.Html, usual.Text, usual.Attachments).WithNotice(note);
    }
}
