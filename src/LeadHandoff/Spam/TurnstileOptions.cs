using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Spam;

/// <summary>Cloudflare Turnstile server-side verification; off until <see cref="SecretKey"/> is set.</summary>
public sealed class TurnstileOptions : ISettings
{
    public const string SectionName = "Turnstile";

    /// <summary>The site's secret key (a Key Vault reference in Azure). Unset turns verification off.</summary>
    public string? SecretKey { get; set; }

    public string VerifyUrl { get; set; } = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

    [Range(1, 60, ErrorMessage = SettingMessages.Between)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The site hostnames a solved challenge must come from (e.g. www.example.com). A token solved on
    /// another site is refused. Empty: not checked (set it in production).
    /// </summary>
    public List<string> Hostnames { get; set; } = [];

    /// <summary>The widget's <c>data-action</c>, when the form sets one: a token for another action is refused.</summary>
    public string? Action { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(VerifyUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return $"{SectionName}:VerifyUrl must be an absolute http(s) URL.";
    }
}
