using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.Deadlines;

/// <summary>A lead still undecided, with its fresh qualify link.</summary>
public sealed record UndecidedLead(Lead Lead, string QualifyUrl);

/// <summary>The reminder to an owner and the escalation to the manager: what is still undecided, and how late.</summary>
public static class DeadlineEmails
{
    /// <summary>The owner's reminder, in the recipient's language (the roster's: English or Thai).</summary>
    public static EmailMessage Reminder(string ledgerId, BatchWindow window, Owner owner, IReadOnlyList<UndecidedLead> leads, string batchUrl, DateTimeOffset now, TimeZoneInfo zone)
    {
        var t = OwnerEmail.OwnerEmailText.For(owner.Language);
        var late = t.Late(now - window.DeadlineAt);
        var count = t.Leads(leads.Count);
        var title = t["ReminderTitle", count, window.Id];
        var deadline = t.Local(window.DeadlineAt, zone);
        var leadsInOrder = leads.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase).ToList();
        var html = HtmlTemplates.Render<Reminder, Reminder.Data>(new(t, title, t["ReminderPreheader", count, late], t.Around("ReminderHello", 2, owner.Name, deadline, late), late, batchUrl, leadsInOrder));
        var text = new StringBuilder($"{title}\r\n\r\n")
            .Append($"{t["ReminderHello", owner.Name, deadline, late]}\r\n")
            .Append($"{t["ReminderOnePageText", batchUrl]}\r\n\r\n");
        foreach (var item in leadsInOrder)
        {
            var d = item.Lead.Details;
            text.Append($"* {d.Company}: {d.Name}, {d.JobTitle} ({late})\r\n  {t["Qualify", item.QualifyUrl]}\r\n");
        }
        return new EmailMessage(ledgerId, [owner.Email], [], t["ReminderSubject", count, window.Id, late], html, text.ToString(), language: t.Language);
    }

    /// <param name="teamUrl">The manager's view of the week: linked once, and per lead at that lead's entry.</param>
    /// <param name="language">The recipients' language (en or th).</param>
    public static EmailMessage Escalation(string ledgerId, BatchWindow window, IReadOnlyList<(Owner Owner, IReadOnlyList<UndecidedLead> Leads)> byOwner, IReadOnlyList<string> to, IReadOnlyList<string> cc, DateTimeOffset now, TimeZoneInfo zone, string? teamUrl = null, string? language = null)
    {
        var s = StaffEmailText.For(language);
        var late = s.Late(now - window.DeadlineAt);
        var total = s.Leads(byOwner.Sum(o => o.Leads.Count));
        var title = s["EscTitle", window.Id, total];
        var deadline = s["EscDeadline", s.Local(window.DeadlineAt, zone), late];
        var byOwnerInOrder = byOwner.OrderByDescending(o => o.Leads.Count).ThenBy(o => o.Owner.Name, StringComparer.OrdinalIgnoreCase)
            .Select(o => (o.Owner, (IReadOnlyList<UndecidedLead>)o.Leads.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
        var html = HtmlTemplates.Render<Escalation, Escalation.Data>(new(s, title, s["EscPreheader", total, late], deadline, late, teamUrl, byOwnerInOrder));
        var text = new StringBuilder($"{title}\r\n\r\n")
            .Append($"{deadline}\r\n")
            .Append(teamUrl is null ? "\r\n" : $"{s["EscTeamText", teamUrl]}\r\n\r\n");
        foreach (var (owner, ordered) in byOwnerInOrder)
        {
            text.Append($"{s["EscOwnerLine", owner.Name, ordered.Count]}\r\n");
            foreach (var l in ordered) text.Append($"  * {l.Lead.Details.Company} ({late}){(teamUrl is null ? "" : $": {teamUrl}#lead-{l.Lead.Id}")}\r\n");
        }
        return new EmailMessage(ledgerId, to, cc, s["EscSubject", total, window.Id], html, text.ToString(), language: s.Language);
    }
}
