using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Deadlines;

/// <summary>A lead still undecided, with its fresh qualify link.</summary>
public sealed record UndecidedLead(Lead Lead, string QualifyUrl);

/// <summary>The reminder to an owner and the escalation to the manager: what is still undecided, and how late.</summary>
public static class DeadlineEmails
{
    public static string Late(TimeSpan late) => late < TimeSpan.FromMinutes(1) ? "due now"
        : late.TotalHours < 1 ? $"{Count((int)late.TotalMinutes, "minute")} late"
        : late.TotalDays < 2 ? $"{Count((int)late.TotalHours, "hour")} late"
        : $"{Count((int)late.TotalDays, "day")} late";

    /// <summary>The owner's reminder, in the recipient's language (the roster's: English or Thai).</summary>
    public static EmailMessage Reminder(string ledgerId, BatchWindow window, Owner owner, IReadOnlyList<UndecidedLead> leads, string batchUrl, DateTimeOffset now, TimeZoneInfo zone)
    {
        var t = Batches.OwnerEmailText.For(owner.Language);
        var late = t.Late(now - window.DeadlineAt);
        var count = t.Leads(leads.Count);
        var title = t["ReminderTitle", count, window.Id];
        var deadline = t.Local(window.DeadlineAt, zone);
        // "these are <strong>late</strong>": the sentence encoded around a marker, then the marker replaced.
        const char Marker = '\u0001';
        var hello = H(t["ReminderHello", owner.Name, deadline, Marker]).Replace(H(Marker.ToString()), $"<strong>{H(late)}</strong>", StringComparison.Ordinal);
        var html = new StringBuilder(Open(title, t["ReminderPreheader", count, late], t.Language))
            .Append($"<h1 style=\"font-size:20px\">{H(title)}</h1>")
            .Append($"<p>{hello} {H(t["ReminderPlease"])}</p>")
            .Append($"<p><a href=\"{H(batchUrl)}\">{H(t["ReminderOnePage"])}</a></p><ul>");
        var text = new StringBuilder($"{title}\r\n\r\n")
            .Append($"{t["ReminderHello", owner.Name, deadline, late]}\r\n")
            .Append($"{t["ReminderOnePageText", batchUrl]}\r\n\r\n");
        foreach (var item in leads.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase))
        {
            var d = item.Lead.Details;
            html.Append($"<li><strong>{H(d.Company)}</strong>: {H(d.Name)}, {H(d.JobTitle)} ({H(late)}) <a href=\"{H(item.QualifyUrl)}\">{H(t["QualifyLink"])}</a></li>");
            text.Append($"* {d.Company}: {d.Name}, {d.JobTitle} ({late})\r\n  {t["Qualify", item.QualifyUrl]}\r\n");
        }
        html.Append("</ul>").Append(Close);
        return new EmailMessage(ledgerId, [owner.Email], [], t["ReminderSubject", count, window.Id, late], html.ToString(), text.ToString());
    }

    /// <param name="teamUrl">The manager's view of the week: linked once, and per lead at that lead's entry.</param>
    public static EmailMessage Escalation(string ledgerId, BatchWindow window, IReadOnlyList<(Owner Owner, IReadOnlyList<UndecidedLead> Leads)> byOwner, IReadOnlyList<string> to, IReadOnlyList<string> cc, DateTimeOffset now, TimeZoneInfo zone, string? teamUrl = null)
    {
        var late = Late(now - window.DeadlineAt);
        var total = Count(byOwner.Sum(o => o.Leads.Count), "lead");
        var html = new StringBuilder(Open($"Batch {window.Id}: {total} undecided after the deadline", $"{total} {late}, by owner"))
            .Append($"<h1 style=\"font-size:20px\">Batch {H(window.Id)}: {total} undecided after the deadline</h1>")
            .Append($"<p>The qualification deadline was {H(Local(window.DeadlineAt, zone))}; these leads are {H(late)}.</p>")
            .Append(teamUrl is null ? "" : $"<p><a href=\"{H(teamUrl)}\">See the whole team's week</a></p>")
            .Append($"<table style=\"{TableStyle}\"><tr><th style=\"{CellStyle}\">Owner</th><th style=\"{CellStyle}\">Undecided</th><th style=\"{CellStyle}\">Companies (how late)</th></tr>");
        var text = new StringBuilder($"Batch {window.Id}: {total} undecided after the deadline\r\n\r\n")
            .Append($"The qualification deadline was {Local(window.DeadlineAt, zone)}; these leads are {late}.\r\n")
            .Append(teamUrl is null ? "\r\n" : $"See the whole team's week: {teamUrl}\r\n\r\n");
        foreach (var (owner, leads) in byOwner.OrderByDescending(o => o.Leads.Count).ThenBy(o => o.Owner.Name, StringComparer.OrdinalIgnoreCase))
        {
            var ordered = leads.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase).ToList();
            html.Append($"<tr><td style=\"{CellStyle}\">{H(owner.Name)}</td><td style=\"{CellStyle}\">{leads.Count}</td><td style=\"{CellStyle}\">")
                .Append(string.Join("<br>", ordered.Select(l => teamUrl is null
                    ? $"{H(l.Lead.Details.Company)} ({H(late)})"
                    : $"<a href=\"{H(teamUrl + "#lead-" + l.Lead.Id)}\">{H(l.Lead.Details.Company)}</a> ({H(late)})")))
                .Append("</td></tr>");
            text.Append($"{owner.Name}: {leads.Count} undecided\r\n");
            foreach (var l in ordered) text.Append($"  * {l.Lead.Details.Company} ({late}){(teamUrl is null ? "" : $": {teamUrl}#lead-{l.Lead.Id}")}\r\n");
        }
        html.Append("</table>").Append(Close);
        return new EmailMessage(ledgerId, to, cc, $"Escalation: {total} from batch {window.Id} undecided past the deadline", html.ToString(), text.ToString());
    }
}
