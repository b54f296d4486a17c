using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// Whether a staff change was posted from the app's own pages. A signed-in member's browser sends
/// their sign-in cookie with a form that another site posts to us, so a cookie alone proves nothing.
/// The browser says where the form came from: <c>Origin</c> on every cross-site POST (all current
/// browsers), and <c>Sec-Fetch-Site</c> beside it. The app's own origin is that of
/// <c>Links:BaseUrl</c>, or the host the request was sent to (the victim's browser sets that, not
/// the other site).
/// </summary>
public static class SameOrigin
{
    /// <summary>True when the request came from the app's own pages, or from no browser at all (neither header: a script, which holds no sign-in cookie of a member's).</summary>
    public static bool Allows(HttpRequest request, string? baseUrl)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return Same(origin, OriginOf(baseUrl)) || Same(origin, $"{request.Scheme}://{request.Host}");
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site == "same-origin";
    }

    /// <summary>scheme://host[:port] of a URL, as a browser writes an origin (default ports left out).</summary>
    public static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    private static bool Same(string origin, string? ours) =>
        ours is not null && OriginOf(origin) is { } theirs && string.Equals(theirs, ours, StringComparison.OrdinalIgnoreCase);
}
