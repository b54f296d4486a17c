using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Shared;

/// <summary>
/// The words of one email or page in its reader's language, English or Thai, from the
/// <c>.resx</c> files beside the subclass and named after it (words every set shares come from
/// <see cref="CommonText"/>), through
/// Microsoft.Extensions.Localization; dates in that culture. Thai dates use the Thai culture's own
/// calendar, the Buddhist era (9 ธันวาคม 2569): what Thai readers expect. Thai nouns have no
/// plural, so a count needs one resource per form in English only.
/// </summary>
public abstract class LocalizedText
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "" }), NullLoggerFactory.Instance);

    private IStringLocalizer? _localizer;

    private protected LocalizedText()
    {
    }

    /// <summary>Sets the language once, as <see cref="LocalizedText{TSelf}"/> makes its two instances.</summary>
    private protected void Initialise(string language)
    {
        _localizer = Factory.Create(GetType());
        (Culture, Language) = IsThai(language) ? (CultureInfo.GetCultureInfo("th-TH"), "th") : (CultureInfo.GetCultureInfo("en-GB"), "en");
    }

    /// <summary>A language tag (<c>th</c>, <c>th-TH</c> …) that asks for Thai; anything else is English.</summary>
    public static bool IsThai(string? language) =>
        (language ?? "").Trim().ToLowerInvariant() is var tag && (tag == "th" || tag.StartsWith("th-", StringComparison.Ordinal));

    public CultureInfo Culture { get; private set; } = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The BCP 47 tag for the document's <c>lang</c>.</summary>
    public string Language { get; private set; } = "en";

    public string this[string key, params object[] args]
    {
        get
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = Culture;
            try
            {
                var localizer = _localizer ?? throw new InvalidOperationException($"{GetType().Name}: use {GetType().Name}.For(language), not new.");
                var text = args.Length == 0 ? localizer[key] : localizer[key, args];
                // The words every set shares (dates, plurals, lateness) live once, in CommonText.
                return text.ResourceNotFound && this is not CommonText ? CommonText.For(Language)[key, args] : text.Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    /// <summary>Whether the resources hold this key (for texts keyed by data, such as a flag reason).</summary>
    public bool Has(string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try
        {
            return _localizer is { } localizer && !localizer[key].ResourceNotFound;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
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

    /// <summary>How late (the DueNow, MinuteLate … DaysLate resources), in the reader's words: "due now", "1 hour late", "3 days late" / "ช้า 3 วัน".</summary>
    public string Late(TimeSpan late)
    {
        string N(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);
        return late < TimeSpan.FromMinutes(1) ? this["DueNow"]
            : late.TotalHours < 1 ? this[(int)late.TotalMinutes == 1 ? "MinuteLate" : "MinutesLate", N(late.TotalMinutes)]
            : late.TotalDays < 2 ? this[(int)late.TotalHours == 1 ? "HourLate" : "HoursLate", N(late.TotalHours)]
            : this[(int)late.TotalDays == 1 ? "DayLate" : "DaysLate", N(late.TotalDays)];
    }

    /// <summary>"42.5%", or "n/a" (the NotAvailable resource) when there is nothing to divide.</summary>
    public string Percent(double? share) => share is null ? this["NotAvailable"] : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>"3.5 h" / "3.5 ชม." (HoursUnit), or "n/a".</summary>
    public string Hours(double? hours) => hours is null ? this["NotAvailable"] : this["HoursUnit", hours.Value.ToString("0.#", CultureInfo.InvariantCulture)];

    /// <summary>"7 Dec" / "7 ธ.ค." (WeekDate): a week by the day its batch went out.</summary>
    public string Week(DateOnly date) => date.ToString(this["WeekDate"], Language == "th" ? Culture : CultureInfo.InvariantCulture);
    /// <summary>"3 leads" / "3 ลีด".</summary>
    public string Leads(int n) => this[n == 1 ? "Lead" : "Leads", n.ToString(CultureInfo.InvariantCulture)];

    // English dates stay culture-invariant, as the app has always written them.
    private CultureInfo DateCulture => Language == "th" ? Culture : CultureInfo.InvariantCulture;

    public string Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["LongDate"], DateCulture) + $" ({zone.Id})";

    public string Short(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["ShortDate"], DateCulture);

    public string Day(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString(this["DayDate"], DateCulture);
}

/// <summary>
/// One set of texts: its English and its Thai instance, made once, and <see cref="For"/> to pick
/// by a language tag. A subclass adds only what is particular to its texts.
/// </summary>
public abstract class LocalizedText<TSelf> : LocalizedText where TSelf : LocalizedText<TSelf>, new()
{
    public static TSelf English { get; } = Create("en");

    public static TSelf Thai { get; } = Create("th");

    public static TSelf For(string? language) => IsThai(language) ? Thai : English;

    private static TSelf Create(string language)
    {
        var text = new TSelf();
        text.Initialise(language);
        return text;
    }
}
