using LeadHandoff.Html;

namespace LeadHandoff.Functions.Http;

/// <summary>The pages that say one thing, rendered from <see cref="NoticePage"/>.</summary>
public static class Notices
{
    public static string Render(NoticePage.Data notice) => HtmlTemplates.Render<NoticePage, NoticePage.Data>(notice);
}
