using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Intake;

/// <summary>What the intake accepts and where browsers are sent afterwards.</summary>
public sealed class IntakeOptions : ISettings
{
    public const string SectionName = "Intake";

    public List<string> Sectors { get; set; } = [];

    /// <summary>Company size bands, e.g. 1-10, 11-50, 51-200, 201-1000, 1001+.</summary>
    public List<string> SizeBands { get; set; } = [];

    /// <summary>
    /// Where a browser form post goes after success (303). Unset: the app's own thank-you page
    /// (<c>/api/thanks</c>), so a form with nowhere else to go still ends somewhere real.
    /// </summary>
    public string ThankYouUrl { get; set; } = "";

    /// <summary>Where a browser form post goes after a validation failure; unset shows an error page instead.</summary>
    public string? ErrorUrl { get; set; }

    /// <summary>Origins (scheme://host[:port]) a form's <c>redirect</c> field may point to.</summary>
    public List<string> AllowedRedirectOrigins { get; set; } = [];

    public bool RequireConsent { get; set; }

    /// <summary>
    /// Name of the honeypot field. Forms render it empty and hidden; a bot fills it or leaves it out.
    /// </summary>
    public string HoneypotField { get; set; } = "lh_trap";

    /// <summary>Submissions allowed per client IP per <see cref="RateLimitWindowSeconds"/>, per app instance.</summary>
    [Range(1, int.MaxValue, ErrorMessage = SettingMessages.AtLeast)]
    public int RateLimitPermits { get; set; } = 20;

    [Range(1, int.MaxValue, ErrorMessage = SettingMessages.AtLeast)]
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Empty (the default): the client is the address the platform saw. Behind a proxy of ours
    /// that the app only accepts traffic from (Azure Front Door), the header that proxy puts the
    /// visitor's address in: <c>X-Azure-ClientIP</c>.
    /// </summary>
    public string ClientAddressHeader { get; set; } = "";

    /// <summary>
    /// A form posted sooner than this after it was shown (its signed <c>lh_stamp</c>) is held for
    /// review: no person fills a form in that time. 0 turns the check off.
    /// </summary>
    [Range(0, 600, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int MinimumFillSeconds { get; set; } = 3;

    /// <summary>Hold a form post that carries no stamp (or a bad one is held anyway): for forms that all fetch one.</summary>
    public bool RequireStamp { get; set; }

    public IEnumerable<string> Validate()
    {
        if (Sectors.Count == 0 || Sectors.Any(string.IsNullOrWhiteSpace))
            yield return $"{SectionName}:Sectors must list at least one sector, none blank.";
        if (SizeBands.Count == 0 || SizeBands.Any(string.IsNullOrWhiteSpace))
            yield return $"{SectionName}:SizeBands must list at least one company size band, none blank.";
        if (ClientAddressHeader.Length > 0 && !ClientAddressHeader.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            yield return $"{SectionName}:ClientAddressHeader must be a header name (letters, digits and hyphens), such as X-Azure-ClientIP.";
        if (ClientAddressHeader.Equals("X-Forwarded-For", StringComparison.OrdinalIgnoreCase))
            yield return $"{SectionName}:ClientAddressHeader cannot be X-Forwarded-For: the Functions host sets that header itself and the worker consumes it, so the platform's address is used already. Leave it empty, or name your proxy's own header (X-Azure-ClientIP).";
        if (ThankYouUrl is { Length: > 0 } && !IsAbsoluteHttpUrl(ThankYouUrl))
            yield return $"{SectionName}:ThankYouUrl must be an absolute http(s) URL when set.";
        if (ErrorUrl is { Length: > 0 } && !IsAbsoluteHttpUrl(ErrorUrl))
            yield return $"{SectionName}:ErrorUrl must be an absolute http(s) URL when set.";
        foreach (var origin in AllowedRedirectOrigins)
        {
            if (!IsAbsoluteHttpUrl(origin) || new Uri(origin).PathAndQuery != "/")
                yield return $"{SectionName}:AllowedRedirectOrigins entry '{origin}' must be an origin such as https://www.example.com.";
        }
        if (string.IsNullOrWhiteSpace(HoneypotField) || LeadFields.All.Any(f => f.Name == HoneypotField))
            yield return $"{SectionName}:HoneypotField must be set and must not be a lead field's name.";
    }

    internal static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
