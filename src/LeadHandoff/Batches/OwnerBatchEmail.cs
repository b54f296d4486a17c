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
            .Append(Open($"Your leads for batch {window.Id}", $"{count} to decide by {Short(window.DeadlineAt, zone)}"))
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
                    AppendLead(html, text, item, zone);
                html.Append("</table>");
            }
        }
        html.Append("<p style=\"color:#666;font-size:12px\">The attached CSV lists the same leads. Links are personal to you: please do not forward this email.</p>").Append(Close);

        return new EmailMessage(
            ledgerId,
            [owner.Email],
            [],
            $"{(late ? "Late batch: " : "")}{count} for you in batch {window.Id}: decide by {Short(window.DeadlineAt, zone)}",
            html.ToString(),
            text.ToString(),
            [new EmailAttachment($"leads-{window.Id}-{owner.Id}.csv", LeadCsv.ContentType, LeadCsv.Write(leads))]);
    }

    /// <summary>A hot lead the owner had already: when, and what became of it ("Sent to you on Thursday as a hot lead; accepted.").</summary>
    private static string? HotNote(Lead lead, TimeZoneInfo zone) => lead.Hot is { } hot
        ? $"Sent to you on {TimeZoneInfo.ConvertTime(hot.At, zone).ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture)} as a hot lead; {BatchLead.Outcome(lead)}."
        : null;

    /// <summary>A link drawn as a button big enough for a thumb (44 px tall), in the email's blue.</summary>
    private static string Button(string url, string label) =>
        $"<a href=\"{H(url)}\" style=\"display:inline-block;margin:0 6px 6px 0;padding:12px 14px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600\">{H(label)}</a>";

    private static void AppendLead(StringBuilder html, StringBuilder text, BatchLead item, TimeZoneInfo zone)
    {
        var lead = item.Lead;
        var d = lead.Details;
        var source = string.Join(" / ", new[] { d.Source.Offer, d.Source.UtmCampaign, d.Source.UtmSource }.Where(s => !string.IsNullOrEmpty(s)));
        // One lead, one cell: on a phone the column stays readable instead of three squeezed ones.
        html.Append($"<tr><td style=\"{CellStyle};padding:10px 12px\">")
            .Append($"<strong style=\"font-size:15px\">{H(d.Company)}</strong><br>{H(d.Name)}, {H(d.JobTitle)}<br>{H(d.Email)}{(d.Phone is null ? "" : "<br>" + H(d.Phone))}")
            .Append($"<p style=\"margin:8px 0;color:#555\">Source: {H(source)} · submissions: {lead.SubmissionCount}")
            .Append(item.Earlier is null ? "" : $"<br><strong>Seen before</strong> in {H(item.SeenBefore)}")
            .Append(HotNote(lead, zone) is { } hot ? $"<br><strong>{H(hot)}</strong>" : "")
            .Append(lead.Changes.Count == 0 ? "" : "<br><strong>Changed since the first submission:</strong> " + string.Join("; ", lead.Changes.Select(H)))
            .Append("</p>")
            .Append($"<p style=\"margin:8px 0;padding:8px;background:#f6f7f9;border-left:3px solid #ccc\">{Lines(d.Message)}</p>")
            // One tap opens the lead's page with that choice made; only the page's button records it,
            // so a mail scanner following every link changes nothing.
            .Append("<p style=\"margin:10px 0 2px\">")
            .Append(Button(item.QualifyUrl, "Open"))
            .Append(Button(item.QualifyUrl + "&choose=accept", "Accept…"))
            .Append(Button(item.QualifyUrl + "&choose=reject", "Reject…"))
            .Append(Button(item.QualifyUrl + "&choose=nurture", "Nurture…"))
            .Append("</p></td></tr>");
        text.Append($"* {d.Company}: {d.Name}, {d.JobTitle}, {d.Email}{(d.Phone is null ? "" : ", " + d.Phone)}\r\n")
            .Append($"  Source: {source}; submissions: {lead.SubmissionCount}{(item.Earlier is null ? "" : "; seen before in " + item.SeenBefore)}\r\n")
            .Append(lead.Changes.Count == 0 ? "" : $"  Changed since the first submission: {string.Join("; ", lead.Changes)}\r\n")
            .Append(HotNote(lead, zone) is { } hotText ? $"  {hotText}\r\n" : "")
            .Append("  Message:\r\n")
            .Append(string.Concat(d.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => $"    {line}\r\n")))
            .Append($"  Qualify: {item.QualifyUrl}\r\n");
    }
}
