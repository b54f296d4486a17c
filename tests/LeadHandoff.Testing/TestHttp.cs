namespace LeadHandoff.Testing;

/// <summary>A request as a test builds it, and the response it got: the same shapes in-process and over HTTP.</summary>
public sealed record TestRequest(string Method, string? ContentType, byte[] Body, string RemoteIp = "203.0.113.10")
{
    /// <summary>Path and query, e.g. /api/qualify?t=…</summary>
    public string Target { get; init; } = "/api/leads";

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed record TestResponse(int Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
