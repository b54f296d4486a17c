using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.OwnerEmail;

/// <summary>One owner's leads for the week: grouped by sector then size band, each with its qualify link, plus a CSV.</summary>
public static class OwnerBatchEmail
{
    public static EmailMessage Compose(string ledgerId, BatchWindow window, Owner owner, IReadOnlyList<BatchLead> leads, string batchUrl, TimeZoneInfo zone, bool late = false)
    {
        var t = OwnerEmailText.For(owner.Language);
        var deadline = t.Local(window.DeadlineAt, zone);
        var count = t.Leads(leads.Count);
        var sectors = leads
            .GroupBy(l => l.Lead.Details.Segment.Sector, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => new OwnerBatch.Sector(s.Key, s.GroupBy(l => l.Lead.Details.Segment.SizeBand).OrderBy(b => b.Key, SizeBandOrder.Instance)
                .Select(b => new OwnerBatch.Band(b.Key, b.OrderBy(l => l.Lead.Details.Company, StringComparer.OrdinalIgnoreCase).Select(l => Card(l, zone, t)).ToList())).ToList()))
            .ToList();
        var view = new OwnerBatch.Data(
            t,
            t["Title", window.Id],
            t["Preheader", count, t.Short(window.DeadlineAt, zone)],
            t[leads.Count == 1 ? "HelloOne" : "HelloMany", owner.Name, count],
            t.Around("PleaseBy", 0, deadline),
            deadline,
            batchUrl,
            late ? t["Late", t.Local(window.ClosesAt, zone)] : null,
            sectors);

        return new EmailMessage(
            ledgerId,
            [owner.Email],
            [],
            $"{(late ? t["LateSubject"] : "")}{t["Subject", count, window.Id, t.Short(window.DeadlineAt, zone)]}",
            HtmlTemplates.Render<OwnerBatch, OwnerBatch.Data>(view),
            Text(view),
            [new EmailAttachment($"leads-{window.Id}-{owner.Id}.csv", LeadCsv.ContentType, LeadCsv.Write(leads))],
            t.Language);
    }

    private static OwnerBatch.Card Card(BatchLead item, TimeZoneInfo zone, OwnerEmailText t)
    {
        var lead = item.Lead;
        var d = lead.Details;
        return new OwnerBatch.Card(
            item,
            d.Source.Line,
            lead.SubmissionCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            item.Earlier is null ? null : $"{item.Earlier.WindowId} ({t.Outcome(item.Earlier)})",
            // A hot lead the owner had already: when, and what became of it ("Sent to you on Thursday 3 December as a hot lead; accepted.").
            lead.Hot is { } hot ? t["Hot", t.Day(hot.At, zone), t.Outcome(lead)] : null,
            lead.Changes);
    }

    /// <summary>The plain-text part: everything the HTML says, in the same order, the message line by line.</summary>
    private static string Text(OwnerBatch.Data view)
    {
        var t = view.Text;
        var text = new StringBuilder()
            .Append($"{view.Title}\r\n\r\n")
            .Append($"{view.Hello}\r\n")
            .Append($"{view.PleaseBy.Before}{view.Deadline}{view.PleaseBy.After}\r\n\r\n")
            .Append($"{t["OnePageText", view.BatchUrl]}\r\n");
        if (view.LateNote is not null) text.Append($"\r\n{view.LateNote}\r\n");
        foreach (var sector in view.Sectors)
        {
            text.Append($"\r\n== {sector.Name} ==\r\n");
            foreach (var band in sector.Bands)
            {
                text.Append($"\r\n-- {t["Employees", band.Name]} --\r\n");
                foreach (var card in band.Cards)
                {
                    var d = card.Item.Lead.Details;
                    text.Append($"* {d.Company}: {d.Name}, {d.JobTitle}, {d.Email}{(d.Phone is null ? "" : ", " + d.Phone)}\r\n")
                        .Append($"  {t["SourceText", card.Source, card.Submissions]}{(card.SeenBefore is null ? "" : t["SeenBeforeText", card.SeenBefore])}\r\n")
                        .Append(card.Changes.Count == 0 ? "" : $"  {t["Changed"]} {string.Join("; ", card.Changes)}\r\n")
                        .Append(card.HotNote is null ? "" : $"  {card.HotNote}\r\n")
                        .Append($"  {t["MessageLabel"]}\r\n")
                        .Append(string.Concat(d.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => $"    {line}\r\n")))
                        .Append($"  {t["Qualify", card.Item.QualifyUrl]}\r\n");
                }
            }
        }
        return text.ToString();
    }
}
