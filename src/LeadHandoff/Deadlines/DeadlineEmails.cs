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

    public static EmailMessage Reminder(string ledgerId, BatchWindow window, Owner owner, IReadOnlyList<UndecidedLead> leads, string batchUrl, DateTimeOffset now, TimeZoneInfo zone)
    {
        var late = Late(now - window.DeadlineAt);
        var count = Count(leads.Count, "lead");
        var html = new StringBuilder(Open($"{count} from batch {window.Id} still to decide", $"{count} {late}: decide them now"))
            .Append($"<h1 style=\"font-size:20px\">{count} from batch {H(window.Id)} still to decide</h1>")
            .Append($"<p>Hello {H(owner.Name)}, the deadline was {H(Local(window.DeadlineAt, zone))}: these are <strong>{H(late)}</strong>. ")
            .Append("Please accept, reject or return each to nurture now.</p>")
            .Append($"<p><a href=\"{H(batchUrl)}\">Decide them all on one page</a></p><ul>");
        var text = new StringBuilder($"{count} from batch {window.Id} still to decide\r\n\r\n")
            .Append($"Hello {owner.Name}, the deadline was {Local(window.DeadlineAt, zone)}: these are {late}.\r\n")
            .Append($"Decide them all on one page: {batchUrl}\r\n\r\n");
        foreach (var item in leads.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase))
        {
            var d = item.Lead.Details;
            html.Append($"<li><strong>{H(d.Company)}</strong>: {H(d.Name)}, {H(d.JobTitle)} ({H(late)}) <a href=\"{H(item.QualifyUrl)}\">Qualify</a></li>");
            text.Append($"* {d.Company}: {d.Name}, {d.JobTitle} ({late})\r\n  Qualify: {item.QualifyUrl}\r\n");
        }
        html.Append("</ul>").Append(Close);
        return new EmailMessage(ledgerId, [owner.Email], [], $"Reminder: {count} from batch {window.Id} past the deadline ({late})", html.ToString(), text.ToString());
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
