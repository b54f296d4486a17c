using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Links;

/// <summary>
/// Signs and checks the tokens in emailed links: <c>{keyId}.{payload}.{mac}</c>, where payload is
/// base64url of "purpose|subject|owner|expiry" and mac is HMAC-SHA256 over "v1.{keyId}.{payload}".
/// Tokens carry ids only, never personal data.
/// </summary>
public sealed class LinkSigner(IOptions<LinkOptions> options, TimeProvider time)
{
    private readonly LinkOptions _options = options.Value;
    private readonly Dictionary<string, byte[]> _keys = options.Value.SigningKeys.ToDictionary(k => k.Id, k => Convert.FromBase64String(k.Secret), StringComparer.Ordinal);

    public string Sign(LinkPurpose purpose, string subject, string ownerId, DateTimeOffset? expiresAt = null)
    {
        var expiry = (expiresAt ?? time.GetUtcNow().AddDays(_options.ExpiryDays)).ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Join('|', ((int)purpose).ToString(CultureInfo.InvariantCulture), subject, ownerId, expiry.ToString(CultureInfo.InvariantCulture))));
        var keyId = _options.CurrentKeyId;
        return $"{keyId}.{payload}.{Base64Url.EncodeToString(Mac(_keys[keyId], keyId, payload))}";
    }

    public TokenResult Verify(string? token, LinkPurpose expected)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3 || !_keys.TryGetValue(parts[0], out var key)) return new(TokenCheck.Forged);
        if (!Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2])) return new(TokenCheck.Forged);
        var given = Base64Url.DecodeFromChars(parts[2]);
        // Fixed-time comparison: how long a wrong MAC takes to refuse must not reveal how much of it was right.
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, parts[0], parts[1]), given)) return new(TokenCheck.Forged);
        // Re-encoding must give back the very same text: base64url has spare bits, and a token whose
        // text differs from what we signed is not the one we issued, even if it decodes the same.
        if (Base64Url.EncodeToString(given) != parts[2]) return new(TokenCheck.Forged);

        var fields = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Split('|');
        if (fields.Length != 4 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var purpose) ||
            !long.TryParse(fields[3], CultureInfo.InvariantCulture, out var expiry))
            return new(TokenCheck.Forged);
        var claims = new LinkClaims((LinkPurpose)purpose, fields[1], fields[2], DateTimeOffset.FromUnixTimeSeconds(expiry));
        if (claims.Purpose != expected) return new(TokenCheck.WrongPurpose);
        if (time.GetUtcNow() >= claims.ExpiresAt) return new(TokenCheck.Expired, claims);
        return new(TokenCheck.Valid, claims);
    }

    private static byte[] Mac(byte[] key, string keyId, string payload) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"v1.{keyId}.{payload}"));
}
