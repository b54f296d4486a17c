using LeadHandoff.Html;
using LeadHandoff.Html.Pages;

namespace LeadHandoff.Functions.Http;

/// <summary>The pages that say one thing, rendered from <see cref="NoticePage"/>.</summary>
public static class Notices
{
    public static string Render(NoticePage.Data notice) => HtmlTemplates.Render<NoticePage, NoticePage.Data>(notice);

    /// <summary>The page a refused link gets: what happened, and no personal data.</summary>
    public static string Refused(bool expired) => expired
        ? Render(new("Link expired", "This link has expired", ["The link has expired, or the lead it pointed to is no longer held. Ask your sales manager if you still need to act on it."]))
        : Render(new("Link not valid", "This link is not valid", ["The link was changed, is incomplete, or belongs to someone else. Open it again from your LeadHandoff email."]));
}
