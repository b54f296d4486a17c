using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Links;

public sealed class SigningKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>Base64, at least 32 bytes. In Azure a Key Vault reference.</summary>
    public string Secret { get; set; } = "";
}

/// <summary>Signed links in emails: where they point and the keys that sign them.</summary>
public sealed class LinkOptions : ISettings
{
    public const string SectionName = "Links";

    /// <summary>Public base URL of the function app, e.g. https://leadhandoff-abc.azurewebsites.net.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// Every key that may verify a link. New links are signed with <see cref="CurrentKeyId"/>; keep
    /// the previous key listed until its links expire, then remove it.
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    public string CurrentKeyId { get; set; } = "";

    [Range(1, 365, ErrorMessage = SettingMessages.Between)]
    public int ExpiryDays { get; set; } = 21;

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return $"{SectionName}:BaseUrl must be the app's absolute http(s) URL.";
        if (SigningKeys.Count == 0)
            yield return $"{SectionName}:SigningKeys must hold at least one key (Id and Secret).";
        for (var i = 0; i < SigningKeys.Count; i++)
        {
            var key = SigningKeys[i];
            if (string.IsNullOrWhiteSpace(key.Id) || !key.Id.All(char.IsAsciiLetterOrDigit) || key.Id.Length > 16)
                yield return $"{SectionName}:SigningKeys:{i}:Id must be 1 to 16 letters or digits.";
            if (!IsStrongSecret(key.Secret))
                yield return $"{SectionName}:SigningKeys:{i}:Secret must be base64 of at least 32 random bytes.";
        }
        if (!SigningKeys.Any(k => k.Id == CurrentKeyId))
            yield return $"{SectionName}:CurrentKeyId '{CurrentKeyId}' must name one of {SectionName}:SigningKeys.";
    }

    private static bool IsStrongSecret(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= 32;
    }
}
