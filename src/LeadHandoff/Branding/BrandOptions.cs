using System.Text.RegularExpressions;
using LeadHandoff.Configuration;

namespace LeadHandoff.Branding;

/// <summary>
/// Who the public is dealing with: the company's name, logo, colour and contacts on the pages and
/// emails a member of the public sees (thanks, withdrawal, errors, the confirmation email), so they
/// never read like a stranger's. A value that is not valid is ignored, never fatal: it is a matter
/// of looks, and the public intake must not stop over it.
/// </summary>
public sealed partial class BrandOptions : ISettings
{
    public const string SectionName = "Brand";

    /// <summary>The company's name as the public knows it. Empty shows "LeadHandoff"; set it in every deployment.</summary>
    public string CompanyName { get; set; } = "";

    /// <summary>An absolute https URL of the logo image; empty shows the name alone.</summary>
    public string LogoUrl { get; set; } = "";

    /// <summary>The accent colour as #rrggbb (buttons, links); it must keep white text readable (contrast is the company's call).</summary>
    public string AccentColour { get; set; } = DefaultAccent;

    /// <summary>Where the public asks questions: an email address.</summary>
    public string SupportEmail { get; set; } = "";

    /// <summary>The company's privacy notice, an absolute http(s) URL.</summary>
    public string PrivacyNoticeUrl { get; set; } = "";

    public const string DefaultAccent = "#0b5cad";

    public string Name => CompanyName.Trim() is { Length: > 0 } name ? name : "LeadHandoff";

    public string Accent => HexColour().IsMatch(AccentColour ?? "") ? AccentColour! : DefaultAccent;

    public string? Logo => IsHttps(LogoUrl) ? LogoUrl : null;

    public string? Support => (SupportEmail ?? "").Trim() is var email && Shared.EmailAddress.IsValid(email.ToLowerInvariant()) ? email : null;

    public string? Privacy => Uri.TryCreate(PrivacyNoticeUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? PrivacyNoticeUrl : null;

    /// <summary>Nothing here can stop the app: invalid values fall back (see the accessors above).</summary>
    public IEnumerable<string> Validate() => [];

    private static bool IsHttps(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "https";

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
