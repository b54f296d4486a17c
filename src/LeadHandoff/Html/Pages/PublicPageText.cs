namespace LeadHandoff.Html.Pages;

/// <summary>
/// The words of the pages the public sees, in the language of the form they used, from
/// <c>PublicPageText(.th).resx</c> beside it.
/// </summary>
public sealed class PublicPageText : LocalizedText<PublicPageText>;
