using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Batches;

/// <summary>
/// The words of a rep's lead email in the rep's language (the roster's <c>Language</c>: English or
/// Thai), from <c>Resources/Batches/OwnerEmailText(.th).resx</c> through
/// Microsoft.Extensions.Localization, with dates in that culture (Thai: the Buddhist era).
/// </summary>
public sealed class OwnerEmailText
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(OwnerEmailText));

    private static readonly OwnerEmailText English = new(CultureInfo.GetCultureInfo("en-GB"), "en");
    private static readonly OwnerEmailText Thai = new(CultureInfo.GetCultureInfo("th-TH"), "th");

    private OwnerEmailText(CultureInfo culture, string language) => (Culture, Language) = (culture, language);

    public CultureInfo Culture { get; }

    /// <summary>The BCP 47 tag for the email's <c>lang</c>.</summary>
    public string Language { get; }

    public static OwnerEmailText For(string? language) => language == "th" ? Thai : English;

    public string this[string key, params object[] args]
    {
        get
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = Culture;
            try
            {
                return args.Length == 0 ? Localizer[key].Value : Localizer[key, args].Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    /// <summary>
    /// A sentence split around one of its arguments, for a template that marks that argument up
    /// ("… by <strong>{deadline}</strong>."): the words before it and after it, in the resource's order.
    /// </summary>
    public (string Before, string After) Around(string key, int index, params object[] args)
    {
        const string Marker = "\u0001";
        var marked = args.ToArray();
        marked[index] = Marker;
        var text = this[key, marked];
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        return (text[..at], text[(at + Marker.Length)..]);
    }

    /// <summary>How late, in the reader's words: "due now", "1 hour late", "3 days late" / "ช้า 3 วัน".</summary>
    public string Late(TimeSpan late)
    {
        string N(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);
        return late < TimeSpan.FromMinutes(1) ? this["DueNow"]
            : late.TotalHours < 1 ? this[(int)late.TotalMinutes == 1 ? "MinuteLate" : "MinutesLate", N(late.TotalMinutes)]
            : late.TotalDays < 2 ? this[(int)late.TotalHours == 1 ? "HourLate" : "HoursLate", N(late.TotalHours)]
            : this[(int)late.TotalDays == 1 ? "DayLate" : "DaysLate", N(late.TotalDays)];
    }

    /// <summary>"3 leads" / "3 ลีด": Thai nouns have no plural.</summary>
    public string Leads(int n) => this[n == 1 ? "Lead" : "Leads", n.ToString(CultureInfo.InvariantCulture)];

    // English dates stay culture-invariant, as the app has always written them.
    private CultureInfo DateCulture => Language == "th" ? Culture : CultureInfo.InvariantCulture;

    public string Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["LongDate"], DateCulture) + $" ({zone.Id})";

    public string Short(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["ShortDate"], DateCulture);

    public string Day(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["DayDate"], DateCulture);

    public string Outcome(LeadHandoff.Leads.Lead lead) => this[lead.Decision?.Decision switch
    {
        null => "Undecided",
        LeadHandoff.Leads.Decision.Accepted => "Accepted",
        LeadHandoff.Leads.Decision.Rejected => "Rejected",
        _ => "Nurture",
    }];
}
