using LeadHandoff.Html;
using LeadHandoff.Html.Pages;
using LeadHandoff.Qualification;

namespace LeadHandoff.Functions.Http;

/// <summary>The pages that say one thing, rendered from <see cref="NoticePage"/>.</summary>
public static class Notices
{
    public static string Render(NoticePage.Data notice) => HtmlTemplates.Render<NoticePage, NoticePage.Data>(notice);

    /// <summary>
    /// The page a refused link gets: what happened, and no personal data. Its reader is a rep whose
    /// link no longer says who they are, so it answers in the browser's language.
    /// </summary>
    public static string Refused(bool expired, string language)
    {
        var t = RepPageText.For(language);
        return expired
            ? Render(new(t["ExpiredTitle"], t["ExpiredHeading"], [t["ExpiredText"]], Language: t.Language))
            : Render(new(t["InvalidLinkTitle"], t["InvalidLinkHeading"], [t["InvalidLinkText"]], Language: t.Language));
    }
}
