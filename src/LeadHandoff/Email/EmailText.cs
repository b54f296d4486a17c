using System.Globalization;

namespace LeadHandoff.Email;

/// <summary>How counts and instants are written for people, in emails and on pages alike.</summary>
public static class EmailText
{
    /// <summary>"1 lead", "3 leads": a count with its noun in the right number.</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    /// <summary>"Wednesday 9 December 2026, 17:00 (Europe/London)": local time, with the zone named.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";

    /// <summary>"Wed 9 Dec 17:00": short enough for a subject line, which phones cut at about 40 characters.</summary>
    public static string Short(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
}
