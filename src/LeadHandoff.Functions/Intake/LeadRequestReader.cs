using System.Text.Json;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// Reads a lead from a request body: URL-encoded and multipart (plain HTML forms) or JSON (fetch).
/// Reads at most 64 KiB, whatever Content-Length claims.
/// </summary>
public sealed class LeadRequestReader
{
    public async Task<SubmittedForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > LeadFields.MaxBodyBytes) return new SubmittedForm.TooLarge();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
            return new SubmittedForm.UnsupportedType(request.ContentType);

        var body = await ReadLimitedAsync(request.Body, cancellationToken);
        if (body is null) return new SubmittedForm.TooLarge();

        var type = mediaType.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "application/json" => ReadJson(body),
            "application/x-www-form-urlencoded" or "multipart/form-data" => await ReadFormAsync(request, body, cancellationToken),
            _ => new SubmittedForm.UnsupportedType(request.ContentType),
        };
    }

    /// <summary>A JSON caller wants JSON answers; a browser posting a form wants pages and redirects.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true) return true;
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > LeadFields.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static SubmittedForm ReadJson(byte[] body)
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
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Count == LeadFields.MaxFieldCount) return TooManyFields();
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String: fields.TryAdd(property.Name, property.Value.GetString()!); break;
                    case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number: fields.TryAdd(property.Name, property.Value.GetRawText()); break;
                    case JsonValueKind.Null: break;
                    default:
                        // Unknown fields are ignored whatever their shape; a known one must be a plain value.
                        if (LeadFields.All.Any(f => f.Name == property.Name))
                            return new SubmittedForm.Malformed(property.Name, $"{property.Name} must be a string, number or boolean.");
                        break;
                }
            }
            return new SubmittedForm.Fields(fields);
        }
    }

    private static async Task<SubmittedForm> ReadFormAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        request.Body = new MemoryStream(body, writable: false);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new SubmittedForm.Malformed("body", "The form body could not be read.");
        }
        if (form.Count + form.Files.Count > LeadFields.MaxFieldCount) return TooManyFields();
        // A repeated field keeps its first value: a second copy cannot override what the form shows.
        return new SubmittedForm.Fields(form.ToDictionary(f => f.Key, f => f.Value.FirstOrDefault() ?? "", StringComparer.Ordinal));
    }

    private static SubmittedForm.Malformed TooManyFields() =>
        new("body", $"The form has more than {LeadFields.MaxFieldCount} fields.");
}
