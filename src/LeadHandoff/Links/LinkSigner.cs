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

    /// <summary>
    /// Encrypts a short value that must wait in storage for a moment (an address a withdrawal email
    /// is still to be sent to) with AES-GCM under a key derived from the current signing key:
    /// <c>{keyId}.{nonce, ciphertext and tag, base64url}</c>. Only this app's keys open it.
    /// </summary>
    public string Seal(string purpose, string value)
    {
        var keyId = _options.CurrentKeyId;
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + plain.Length + AesGcm.TagByteSizes.MaxSize];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(SealKey(_keys[keyId], purpose), AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length), Encoding.ASCII.GetBytes(purpose));
        return $"{keyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    /// <summary>The value <see cref="Seal"/> sealed for this purpose, or null when it was not sealed by one of our keys, for this purpose, or was changed.</summary>
    public string? Unseal(string purpose, string? sealedValue)
    {
        var parts = (sealedValue ?? "").Split('.');
        if (parts.Length != 2 || !_keys.TryGetValue(parts[0], out var key) || !Base64Url.IsValid(parts[1])) return null;
        var bytes = Base64Url.DecodeFromChars(parts[1]);
        var (nonceSize, tagSize) = (AesGcm.NonceByteSizes.MaxSize, AesGcm.TagByteSizes.MaxSize);
        if (bytes.Length < nonceSize + tagSize) return null;
        var plain = new byte[bytes.Length - nonceSize - tagSize];
        try
        {
            using var aes = new AesGcm(SealKey(key, purpose), tagSize);
            aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize, plain.Length), bytes.AsSpan(nonceSize + plain.Length), plain, Encoding.ASCII.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    // A key of its own per purpose: sealing never uses the signing key itself.
    private static byte[] SealKey(byte[] signingKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, info: Encoding.ASCII.GetBytes("LeadHandoff seal v1 " + purpose));

    private static byte[] Mac(byte[] key, string keyId, string payload) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"v1.{keyId}.{payload}"));
}
