using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>A page's own form post: URL-encoded or multipart, at most 16 KiB.</summary>
public static class SmallForm
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<IReadOnlyDictionary<string, string>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes || !request.HasFormContentType) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        request.Body = new MemoryStream(buffer.ToArray(), writable: false);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => f.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
