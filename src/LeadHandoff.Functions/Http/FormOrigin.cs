using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>The origin of the page a form was posted from, for the review queue: which form sent it.</summary>
public static class FormOrigin
{
    /// <summary>
    /// <c>Origin</c> when the browser sent one, else the scheme, host and port of <c>Referer</c>.
    /// Never the path or query: those can carry a visitor's details.
    /// </summary>
    public static string? Of(HttpRequest request)
    {
        foreach (var header in new[] { request.Headers.Origin.ToString(), request.Headers.Referer.ToString() })
        {
            if (Uri.TryCreate(header, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri.GetLeftPart(UriPartial.Authority);
        }
        return null;
    }
}
