using System.Globalization;

namespace LeadHandoff.Functions.Agreement;

/// <summary>The agreement page's words in the reader's language, from <c>AgreementPageText(.th).resx</c> beside it.</summary>
public sealed class AgreementPageText : LocalizedText<AgreementPageText>
{
    public string Date(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["PageDate"], Language == "th" ? Culture : CultureInfo.InvariantCulture);

    /// <summary>A weekday and time in the business's zone, e.g. "Monday 09:00".</summary>
    public string When(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.ToString("dddd HH:mm", Language == "th" ? Culture : CultureInfo.InvariantCulture);
    }
}
