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
        var t = OwnerEmailText.For(owner.Language);
        var deadline = t.Local(window.DeadlineAt, zone);
        var groups = leads
            .GroupBy(l => l.Lead.Details.Segment.Sector, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => (Sector: s.Key, Bands: s.GroupBy(l => l.Lead.Details.Segment.SizeBand).OrderBy(b => b.Key, SizeBandOrder.Instance).ToList()))
            .ToList();
        var count = t.Leads(leads.Count);
        var title = t["Title", window.Id];
        var hello = t[leads.Count == 1 ? "HelloOne" : "HelloMany", owner.Name, count];
        // The deadline is bold in the HTML: the sentence is encoded around a marker, then the marker replaced.
        const char Marker = '\u0001';
        var please = H(t["PleaseBy", Marker]).Replace(H(Marker.ToString()), $"<strong>{H(deadline)}</strong>", StringComparison.Ordinal);

        var html = new StringBuilder()
            .Append(Open(title, t["Preheader", count, t.Short(window.DeadlineAt, zone)], t.Language))
            .Append($"<h1 style=\"font-size:20px\">{H(title)}</h1>")
            .Append($"<p>{H(hello)} {please}</p>")
            .Append($"<p><a href=\"{H(batchUrl)}\">{H(t["OnePage"])}</a></p>");
        var lateNote = t["Late", t.Local(window.ClosesAt, zone)];
        if (late) html.Append($"<p style=\"padding:8px 12px;background:#fff4ce\">{H(lateNote)}</p>");
        var text = new StringBuilder()
            .Append($"{title}\r\n\r\n")
            .Append($"{hello}\r\n")
            .Append($"{t["PleaseBy", deadline]}\r\n\r\n")
            .Append($"{t["OnePageText", batchUrl]}\r\n");
        if (late) text.Append($"\r\n{lateNote}\r\n");

        foreach (var (sector, bands) in groups)
        {
            html.Append($"<h2 style=\"font-size:17px;margin-top:20px\">{H(sector)}</h2>");
            text.Append($"\r\n== {sector} ==\r\n");
            foreach (var band in bands)
            {
                html.Append($"<h3 style=\"font-size:15px\">{H(t["Employees", band.Key])}</h3>")
                    .Append($"<table role=\"presentation\" style=\"{TableStyle}\">");
                text.Append($"\r\n-- {t["Employees", band.Key]} --\r\n");
                foreach (var item in band.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase))
                    AppendLead(html, text, item, zone, t);
                html.Append("</table>");
            }
        }
        html.Append($"<p style=\"color:#666;font-size:12px\">{H(t["Footer"])}</p>").Append(Close);

        return new EmailMessage(
            ledgerId,
            [owner.Email],
            [],
            $"{(late ? t["LateSubject"] : "")}{t["Subject", count, window.Id, t.Short(window.DeadlineAt, zone)]}",
            html.ToString(),
            text.ToString(),
            [new EmailAttachment($"leads-{window.Id}-{owner.Id}.csv", LeadCsv.ContentType, LeadCsv.Write(leads))]);
    }

    /// <summary>A hot lead the owner had already: when, and what became of it ("Sent to you on Thursday 3 December as a hot lead; accepted.").</summary>
    private static string? HotNote(Lead lead, TimeZoneInfo zone, OwnerEmailText t) => lead.Hot is { } hot
        ? t["Hot", t.Day(hot.At, zone), t.Outcome(lead)]
        : null;

    /// <summary>A link drawn as a button big enough for a thumb (44 px tall), in the email's blue.</summary>
    private static string Button(string url, string label) =>
        $"<a href=\"{H(url)}\" style=\"display:inline-block;margin:0 6px 6px 0;padding:12px 14px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600\">{H(label)}</a>";

    private static void AppendLead(StringBuilder html, StringBuilder text, BatchLead item, TimeZoneInfo zone, OwnerEmailText t)
    {
        var lead = item.Lead;
        var d = lead.Details;
        var source = string.Join(" / ", new[] { d.Source.Offer, d.Source.UtmCampaign, d.Source.UtmSource }.Where(s => !string.IsNullOrEmpty(s)));
        var submissions = lead.SubmissionCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seenBefore = item.Earlier is null ? null : $"{item.Earlier.WindowId} ({t.Outcome(item.Earlier)})";
        // One lead, one cell: on a phone the column stays readable instead of three squeezed ones.
        html.Append($"<tr><td style=\"{CellStyle};padding:10px 12px\">")
            .Append($"<strong style=\"font-size:15px\">{H(d.Company)}</strong><br>{H(d.Name)}, {H(d.JobTitle)}<br>{H(d.Email)}{(d.Phone is null ? "" : "<br>" + H(d.Phone))}")
            .Append($"<p style=\"margin:8px 0;color:#555\">{t.Html("Source", source, submissions)}")
            .Append(seenBefore is null ? "" : $"<br><strong>{H(t["SeenBefore"])}</strong>{H(t["InWindow", seenBefore])}")
            .Append(HotNote(lead, zone, t) is { } hot ? $"<br><strong>{H(hot)}</strong>" : "")
            .Append(lead.Changes.Count == 0 ? "" : $"<br><strong>{H(t["Changed"])}</strong> " + string.Join("; ", lead.Changes.Select(H)))
            .Append("</p>")
            .Append($"<p style=\"margin:8px 0;padding:8px;background:#f6f7f9;border-left:3px solid #ccc\">{Lines(d.Message)}</p>")
            // One tap opens the lead's page with that choice made; only the page's button records it,
            // so a mail scanner following every link changes nothing.
            .Append("<p style=\"margin:10px 0 2px\">")
            .Append(Button(item.QualifyUrl, t["Open"]))
            .Append(Button(item.QualifyUrl + "&choose=accept", t["Accept"]))
            .Append(Button(item.QualifyUrl + "&choose=reject", t["Reject"]))
            .Append(Button(item.QualifyUrl + "&choose=nurture", t["NurtureButton"]))
            .Append("</p></td></tr>");
        text.Append($"* {d.Company}: {d.Name}, {d.JobTitle}, {d.Email}{(d.Phone is null ? "" : ", " + d.Phone)}\r\n")
            .Append($"  {t["SourceText", source, submissions]}{(seenBefore is null ? "" : t["SeenBeforeText", seenBefore])}\r\n")
            .Append(lead.Changes.Count == 0 ? "" : $"  {t["Changed"]} {string.Join("; ", lead.Changes)}\r\n")
            .Append(HotNote(lead, zone, t) is { } hotText ? $"  {hotText}\r\n" : "")
            .Append($"  {t["MessageLabel"]}\r\n")
            .Append(string.Concat(d.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => $"    {line}\r\n")))
            .Append($"  {t["Qualify", item.QualifyUrl]}\r\n");
    }
}
