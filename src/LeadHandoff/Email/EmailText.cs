using System.Globalization;
using System.Text.Encodings.Web;

namespace LeadHandoff.Email;

/// <summary>Shared bits of email composition: encoding and how instants are shown to people.</summary>
public static class EmailText
{
    /// <summary>HTML-encodes anything that may have come from a form.</summary>
    public static string H(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>"Wednesday 9 December 2026, 17:00 (Europe/London)": local time, with the zone named.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";

    public const string PageStyle = "font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222;line-height:1.45";
    public const string TableStyle = "border-collapse:collapse;width:100%;margin:8px 0 16px";
    public const string CellStyle = "border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top";
}
