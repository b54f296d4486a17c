using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadHandoff.Functions.Http;

/// <summary>
/// The one reader of request bodies, for every public POST: URL-encoded and multipart (HTML forms),
/// and JSON where the endpoint takes it. It reads at most <c>maxBytes</c> whatever Content-Length
/// claims, and refuses bad bytes as a 4xx naming the problem, never a 500: a charset other than
/// UTF-8 (or its subset US-ASCII), bytes that are not UTF-8, and lone surrogates.
/// </summary>
public static class RequestBody
{
    public const int MaxFieldCount = 50;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="knownFields">JSON only: fields that must be plain values; unknown ones are ignored whatever their shape.</param>
    public static async Task<SubmittedForm> ReadAsync(HttpRequest request, int maxBytes, bool allowJson, CancellationToken cancellationToken, IReadOnlySet<string>? knownFields = null)
    {
        var accepted = allowJson ? "application/x-www-form-urlencoded, multipart/form-data or application/json" : "application/x-www-form-urlencoded or multipart/form-data";
        if (request.ContentLength > maxBytes) return new SubmittedForm.TooLarge(maxBytes);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
            return new SubmittedForm.Unsupported($"Send {accepted}.");
        var charset = mediaType.Charset.Value?.Trim('"').ToLowerInvariant();
        if (charset is not (null or "" or "utf-8" or "utf8" or "us-ascii"))
            return new SubmittedForm.Unsupported($"The charset {charset} is not supported: send UTF-8.");

        var body = await ReadLimitedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null) return new SubmittedForm.TooLarge(maxBytes);

        var type = mediaType.MediaType.Value?.ToLowerInvariant();
        var read = type switch
        {
            "application/json" when allowJson => ReadJson(body, knownFields),
            "application/x-www-form-urlencoded" => ReadUrlEncoded(body),
            "multipart/form-data" => await ReadMultipartAsync(request, body, cancellationToken),
            _ => new SubmittedForm.Unsupported($"Send {accepted}."),
        };
        if (read is SubmittedForm.Fields fields && fields.Values.FirstOrDefault(f => HasLoneSurrogate(f.Key) || HasLoneSurrogate(f.Value)) is { Key: not null } bad)
            return new SubmittedForm.Malformed(HasLoneSurrogate(bad.Key) ? "body" : bad.Key, "The text holds an unpaired surrogate, which is not a character.");
        return read;
    }

    /// <summary>A JSON caller wants JSON answers; a browser posting a form wants pages and redirects.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true) return true;
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static SubmittedForm ReadJson(byte[] body, IReadOnlySet<string>? knownFields)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return new SubmittedForm.Malformed("body", "The body is not valid JSON.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new SubmittedForm.Malformed("body", "The body must be a JSON object.");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            string name = "body";
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    name = "body";
                    name = property.Name; // throws, as GetString does, on bytes that are not UTF-8
                    if (fields.Count == MaxFieldCount) return TooManyFields();
                    switch (property.Value.ValueKind)
                    {
                        case JsonValueKind.String: fields.TryAdd(name, property.Value.GetString()!); break;
                        case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number: fields.TryAdd(name, property.Value.GetRawText()); break;
                        case JsonValueKind.Null: break;
                        default:
                            // Unknown fields are ignored whatever their shape; a known one must be a plain value.
                            if (knownFields?.Contains(name) == true)
                                return new SubmittedForm.Malformed(name, $"{name} must be a string, number or boolean.");
                            break;
                    }
                }
            }
            catch (InvalidOperationException)
            {
                return new SubmittedForm.Malformed(name, "The text is not valid UTF-8.");
            }
            return new SubmittedForm.Fields(fields);
        }
    }

    // Parsed here rather than by ASP.NET's form reader, which turns bytes that are not UTF-8 into
    // replacement characters without a word: a person's name would be stored mangled.
    private static SubmittedForm ReadUrlEncoded(byte[] body)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return new SubmittedForm.Malformed("body", "The body is not valid UTF-8.");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (fields.Count == MaxFieldCount) return TooManyFields();
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? "" : pair[(equals + 1)..]);
            if (name is null || value is null) return new SubmittedForm.Malformed("body", "The form holds an escape (%XX) that is not valid UTF-8.");
            fields.TryAdd(name, value); // a repeated field keeps its first value: a second copy cannot override what the form shows
        }
        return new SubmittedForm.Fields(fields);
    }

    /// <summary>Percent-decodes to bytes, then UTF-8 strictly; null when the bytes are not UTF-8.</summary>
    private static string? Decode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '+') bytes.Add((byte)' ');
            else if (c == '%' && i + 2 < encoded.Length && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]))
            {
                bytes.Add((byte)Convert.ToInt32(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static async Task<SubmittedForm> ReadMultipartAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return new SubmittedForm.Malformed("body", "The multipart body names no boundary.");
        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { HeadersCountLimit = 16, HeadersLengthLimit = 4096 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (fields.Count == MaxFieldCount) return TooManyFields();
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition()) continue;
                using var part = new MemoryStream();
                await section.Body.CopyToAsync(part, cancellationToken);
                if (disposition.IsFileDisposition()) continue; // the intake takes no files
                string value;
                try
                {
                    value = StrictUtf8.GetString(part.ToArray());
                }
                catch (DecoderFallbackException)
                {
                    return new SubmittedForm.Malformed(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "body", "The text is not valid UTF-8.");
                }
                fields.TryAdd(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", value);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new SubmittedForm.Malformed("body", "The form body could not be read.");
        }
        return new SubmittedForm.Fields(fields);
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }
        return false;
    }

    private static SubmittedForm.Malformed TooManyFields() => new("body", $"The form has more than {MaxFieldCount} fields.");
}
