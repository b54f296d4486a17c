using System.Globalization;
using System.Text.Encodings.Web;

namespace LeadHandoff.Email;

/// <summary>Shared bits of email composition: encoding and how instants are shown to people.</summary>
public static class EmailText
{
    /// <summary>HTML-encodes anything that may have come from a form.</summary>
    public static string H(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>
    /// Multi-line text for HTML: each line encoded on its own, joined by <c>&lt;br&gt;</c>. (Encoding
    /// the whole first turns a line break into <c>&amp;#xA;</c>, which no later replacement finds.)
    /// </summary>
    public static string Lines(string? value) =>
        string.Join("<br>", (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(H));

    /// <summary>"1 lead", "3 leads": a count with its noun in the right number.</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    /// <summary>
    /// The start of every email's HTML: a document with a title (screen readers announce it, and
    /// checkers require it) and a viewport, so phones lay it out at their own width; a preheader
    /// (the line inboxes show after the subject, hidden in the message itself); and one centred
    /// column at most 600 px wide, built of tables so Outlook and Gmail draw it alike (Outlook's
    /// Word engine ignores max-width, hence the fixed-width table in its conditional comment).
    /// </summary>
    /// <param name="language">The BCP 47 tag of the text (screen readers pick their voice by it).</param>
    public static string Open(string title, string? preheader = null, string language = "en") =>
        $"<!doctype html><html lang=\"{H(language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{H(title)}</title></head><body style=\"margin:0;padding:0;background:#f6f7f9\">" +
        (preheader is null ? "" : $"<div style=\"display:none;max-height:0;overflow:hidden;opacity:0\">{H(preheader)}</div>") +
        "<!--[if mso]><table role=\"presentation\" style=\"width:600px\" align=\"center\"><tr><td><![endif]-->" +
        "<table role=\"presentation\" style=\"width:100%;max-width:600px;margin:0 auto;border-collapse:collapse\"><tr>" +
        $"<td style=\"padding:16px;background:#ffffff;{PageStyle};overflow-wrap:anywhere;word-break:break-word\">{ContentStart}";

    /// <summary>Where the content of the column begins: a notice added later goes here, inside the column.</summary>
    public const string ContentStart = "<!--content-->";

    /// <summary>The end of every email's HTML, closing what <see cref="Open"/> opened.</summary>
    public const string Close = "</td></tr></table><!--[if mso]></td></tr></table><![endif]--></body></html>";

    /// <summary>"Wednesday 9 December 2026, 17:00 (Europe/London)": local time, with the zone named.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";

    /// <summary>"Wed 9 Dec 17:00": short enough for a subject line, which phones cut at about 40 characters.</summary>
    public static string Short(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public const string PageStyle = "font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222;line-height:1.45";
    public const string TableStyle = "border-collapse:collapse;width:100%;margin:8px 0 16px";
    public const string CellStyle = "border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top";
}
