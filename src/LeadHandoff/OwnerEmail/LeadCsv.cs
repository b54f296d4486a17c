using System.Globalization;
using System.Text;
using LeadHandoff.Leads;

namespace LeadHandoff.OwnerEmail;

/// <summary>
/// An owner's leads as CSV for the batch email (see <see cref="SafeCsv"/>): UTF-8 with a byte-order
/// mark, which is how Excel knows to read Thai and other non-Latin text as UTF-8.
/// </summary>
public static class LeadCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Header =
    [
        "lead_id", "window", "name", "email", "company", "job_title", "phone", "sector", "company_size",
        "offer", "utm_source", "utm_medium", "utm_campaign", "submissions", "first_received_utc", "seen_before", "message", "qualify_link",
    ];

    public static byte[] Write(IEnumerable<BatchLead> leads)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var item in leads)
        {
            var lead = item.Lead;
            var d = lead.Details;
            Row(csv,
            [
                lead.Id, lead.WindowId, d.Name, d.Email, d.Company, d.JobTitle, d.Phone, d.Segment.Sector, d.Segment.SizeBand,
                d.Source.Offer, d.Source.UtmSource, d.Source.UtmMedium, d.Source.UtmCampaign,
                lead.SubmissionCount.ToString(CultureInfo.InvariantCulture),
                lead.FirstReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                item.SeenBefore, d.Message, item.QualifyUrl,
            ]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Row(StringBuilder csv, IEnumerable<string?> fields) => SafeCsv.Row(csv, fields);
}
