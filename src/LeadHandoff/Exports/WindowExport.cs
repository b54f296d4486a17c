using System.Globalization;
using System.Text;
using LeadHandoff.Leads;

namespace LeadHandoff.Exports;

/// <summary>One lead as marketing's automation tool takes it: who, the segment and source, and what sales decided.</summary>
public sealed record ExportedLead(
    string Id, string Week, DateTimeOffset FirstReceivedAt, int Submissions,
    string Name, string Email, string Company, string JobTitle, string? Phone, string Message,
    string Sector, string CompanySize, string Offer, string? UtmSource, string? UtmMedium, string? UtmCampaign,
    bool ConsentGiven, string? ConsentVersion,
    string? Owner, string Status, string? Reason, DateTimeOffset? DecidedAt, bool? OnTime, bool Unworked);

/// <summary>
/// A batch week's leads with their decisions, for marketing: erased leads are left out (nothing of
/// theirs remains to export), reasons are shown by their labels, and the CSV is formula-safe UTF-8
/// with a byte-order mark.
/// </summary>
public static class WindowExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static List<ExportedLead> From(IEnumerable<Lead> leads, Func<string, string> ownerName, Func<string, string> reasonLabel) =>
        [.. leads.Where(l => !l.Anonymised).OrderBy(l => l.FirstReceivedAt).Select(l => new ExportedLead(
            l.Id, l.WindowId, l.FirstReceivedAt, l.SubmissionCount,
            l.Details.Name, l.Details.Email, l.Details.Company, l.Details.JobTitle, l.Details.Phone, l.Details.Message,
            l.Details.Segment.Sector, l.Details.Segment.SizeBand, l.Details.Source.Offer, l.Details.Source.UtmSource, l.Details.Source.UtmMedium, l.Details.Source.UtmCampaign,
            l.Details.Consent.Given, l.Details.Consent.TextVersion,
            l.OwnerId is null ? null : ownerName(l.OwnerId),
            l.Decision?.Decision switch { null => "undecided", Decision.Accepted => "accepted", Decision.Rejected => "rejected", _ => "nurture" },
            l.Decision?.Reason is { } reason ? reasonLabel(reason) : null,
            l.Decision?.DecidedAt, l.Decision?.OnTime, l.Unworked))];

    public static readonly string[] Header =
    [
        "lead_id", "week", "first_received_utc", "submissions", "name", "email", "company", "job_title", "phone", "message",
        "sector", "company_size", "offer", "utm_source", "utm_medium", "utm_campaign", "consent_given", "consent_version",
        "owner", "status", "reason", "decided_at_utc", "on_time", "unworked",
    ];

    /// <summary>The CSV as text, starting with the byte-order mark (U+FEFF), which UTF-8 writes as EF BB BF.</summary>
    public static string Csv(IReadOnlyList<ExportedLead> leads)
    {
        var csv = SafeCsv.Row(new StringBuilder(), Header);
        foreach (var l in leads)
        {
            SafeCsv.Row(csv,
            [
                l.Id, l.Week, Utc(l.FirstReceivedAt), l.Submissions.ToString(CultureInfo.InvariantCulture), l.Name, l.Email, l.Company, l.JobTitle, l.Phone, l.Message,
                l.Sector, l.CompanySize, l.Offer, l.UtmSource, l.UtmMedium, l.UtmCampaign, l.ConsentGiven ? "yes" : "no", l.ConsentVersion,
                l.Owner, l.Status, l.Reason, l.DecidedAt is { } at ? Utc(at) : "", l.OnTime is null ? "" : l.OnTime.Value ? "yes" : "no", l.Unworked ? "yes" : "no",
            ]);
        }
        return "\uFEFF" + csv;
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
