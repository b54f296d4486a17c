using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Batches;

/// <summary>One owner's leads for the week: grouped by sector then size band, each with its qualify link, plus a CSV.</summary>
public static class OwnerBatchEmail
{
    public static EmailMessage Compose(string ledgerId, BatchWindow window, Owner owner, IReadOnlyList<BatchLead> leads, string batchUrl, TimeZoneInfo zone, bool late = false)
    {
        var deadline = Local(window.DeadlineAt, zone);
        var groups = leads
            .GroupBy(l => l.Lead.Details.Segment.Sector, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => (Sector: s.Key, Bands: s.GroupBy(l => l.Lead.Details.Segment.SizeBand).OrderBy(b => b.Key, SizeBandOrder.Instance).ToList()))
            .ToList();
        var count = Count(leads.Count, "lead");

        var html = new StringBuilder()
            .Append(Open($"Your leads for batch {window.Id}"))
            .Append($"<h1 style=\"font-size:20px\">Your leads for batch {H(window.Id)}</h1>")
            .Append($"<p>Hello {H(owner.Name)}, {count} from marketing {(leads.Count == 1 ? "is" : "are")} yours this week. ")
            .Append($"Please accept, reject or return each one to nurture by <strong>{H(deadline)}</strong>.</p>")
            .Append($"<p><a href=\"{H(batchUrl)}\">Decide all your leads on one page</a></p>");
        var lateNote = $"This batch is late: it was due on {Local(window.ClosesAt, zone)}. Your deadline counts from today.";
        if (late) html.Append($"<p style=\"padding:8px 12px;background:#fff4ce\">{H(lateNote)}</p>");
        var text = new StringBuilder()
            .Append($"Your leads for batch {window.Id}\r\n\r\n")
            .Append($"Hello {owner.Name}, {count} from marketing {(leads.Count == 1 ? "is" : "are")} yours this week.\r\n")
            .Append($"Please accept, reject or return each one to nurture by {deadline}.\r\n\r\n")
            .Append($"Decide all your leads on one page: {batchUrl}\r\n");
        if (late) text.Append($"\r\n{lateNote}\r\n");

        foreach (var (sector, bands) in groups)
        {
            html.Append($"<h2 style=\"font-size:17px;margin-top:20px\">{H(sector)}</h2>");
            text.Append($"\r\n== {sector} ==\r\n");
            foreach (var band in bands)
            {
                html.Append($"<h3 style=\"font-size:15px\">{H(band.Key)} employees</h3>")
                    .Append($"<table role=\"presentation\" style=\"{TableStyle}\">");
                text.Append($"\r\n-- {band.Key} employees --\r\n");
                foreach (var item in band.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase))
                    AppendLead(html, text, item);
                html.Append("</table>");
            }
        }
        html.Append("<p style=\"color:#666;font-size:12px\">The attached CSV lists the same leads. Links are personal to you: please do not forward this email.</p></body></html>");

        return new EmailMessage(
            ledgerId,
            [owner.Email],
            [],
            $"{(late ? "Late batch: " : "")}{count} for you in batch {window.Id}: decide by {Short(window.DeadlineAt, zone)}",
            html.ToString(),
            text.ToString(),
            [new EmailAttachment($"leads-{window.Id}-{owner.Id}.csv", LeadCsv.ContentType, LeadCsv.Write(leads))]);
    }

    private static void AppendLead(StringBuilder html, StringBuilder text, BatchLead item)
    {
        var lead = item.Lead;
        var d = lead.Details;
        var source = string.Join(" / ", new[] { d.Source.Offer, d.Source.UtmCampaign, d.Source.UtmSource }.Where(s => !string.IsNullOrEmpty(s)));
        html.Append("<tr>")
            .Append($"<td style=\"{CellStyle}\"><strong>{H(d.Company)}</strong><br>{H(d.Name)}, {H(d.JobTitle)}<br>{H(d.Email)}{(d.Phone is null ? "" : "<br>" + H(d.Phone))}</td>")
            .Append($"<td style=\"{CellStyle}\">Source: {H(source)}<br>Submissions: {lead.SubmissionCount}")
            .Append(item.Earlier is null ? "" : $"<br><strong>Seen before</strong> in {H(item.SeenBefore)}")
            .Append(lead.Changes.Count == 0 ? "" : "<br><strong>Changed since the first submission:</strong> " + string.Join("; ", lead.Changes.Select(H)))
            .Append($"<br>{Lines(d.Message)}</td>")
            .Append($"<td style=\"{CellStyle}\"><a href=\"{H(item.QualifyUrl)}\">Qualify</a>")
            // One tap opens the lead's page with that choice made; only the page's button records it,
            // so a mail scanner following every link changes nothing.
            .Append($"<br><a href=\"{H(item.QualifyUrl + "&choose=accept")}\">Accept…</a><br><a href=\"{H(item.QualifyUrl + "&choose=reject")}\">Reject…</a><br><a href=\"{H(item.QualifyUrl + "&choose=nurture")}\">Nurture…</a></td>")
            .Append("</tr>");
        text.Append($"* {d.Company}: {d.Name}, {d.JobTitle}, {d.Email}{(d.Phone is null ? "" : ", " + d.Phone)}\r\n")
            .Append($"  Source: {source}; submissions: {lead.SubmissionCount}{(item.Earlier is null ? "" : "; seen before in " + item.SeenBefore)}\r\n")
            .Append(lead.Changes.Count == 0 ? "" : $"  Changed since the first submission: {string.Join("; ", lead.Changes)}\r\n")
            .Append("  Message:\r\n")
            .Append(string.Concat(d.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => $"    {line}\r\n")))
            .Append($"  Qualify: {item.QualifyUrl}\r\n");
    }
}
