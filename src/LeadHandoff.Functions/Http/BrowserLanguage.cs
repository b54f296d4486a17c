using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>
/// The language a browser asks for (<c>Accept-Language</c>): what a page answers in when nothing
/// else says who is reading, such as a link that is no longer valid or the sign-in page.
/// </summary>
public static class BrowserLanguage
{
    /// <summary><c>th</c> when the browser's most preferred language is Thai, otherwise <c>en</c>.</summary>
    public static string Of(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault();
        return LocalizedText.IsThai(preferred) ? "th" : "en";
    }
}
