namespace LeadHandoff.Html.Pages;

/// <summary>
/// The words of the pages the public sees, in the language of the form they used, from
/// <c>Resources/Html/Pages/PublicPageText(.th).resx</c>.
/// </summary>
public sealed class PublicPageText : LocalizedText
{
    public static readonly PublicPageText English = new("en");
    public static readonly PublicPageText Thai = new("th");

    private PublicPageText(string language) : base(language)
    {
    }

    public static PublicPageText For(string? language) => IsThai(language) ? Thai : English;
}
