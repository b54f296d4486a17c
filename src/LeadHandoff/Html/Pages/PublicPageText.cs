namespace LeadHandoff.Html.Pages;

/// <summary>
/// The words of the pages the public sees, in the language of the form they used, from
/// <c>Resources/Html/Pages/PublicPageText(.th).resx</c>.
/// </summary>
public sealed class PublicPageText : LocalizedText<PublicPageText>;
