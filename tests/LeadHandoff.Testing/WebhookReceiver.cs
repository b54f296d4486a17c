using System.Collections.Concurrent;
using System.Text.Json;
using StandardWebhooks;

namespace LeadHandoff.Testing;

/// <summary>One delivery as the receiver saw it, with whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string Type, string LeadId, string Body, bool SignatureValid, RecordedRequest Request)
{
    public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");
}

/// <summary>
/// A subscriber on a real loopback HTTP server. Each request's signature is checked with the
/// StandardWebhooks library: its <c>Sign</c> over the id, timestamp and body as received, compared
/// in constant time with the header. (The library's <c>Verify</c> also rejects timestamps five
/// minutes from the real clock, which the tests' moved clocks are; one test uses it at real time.)
/// <see cref="Fail"/> decides per request whether to answer with a failure instead.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly LoopbackHttpServer _server;

    public WebhookReceiver()
    {
        _server = new LoopbackHttpServer(HandleAsync);
    }

    public string Url => _server.Url("/hooks/leads");

    /// <summary>Given the request number (from 1), a failure to answer with, or null to accept.</summary>
    public Func<int, LoopbackReply?> Fail { get; set; } = _ => null;

    /// <summary>Every request, accepted or not.</summary>
    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>Requests answered 2xx.</summary>
    public ConcurrentQueue<ReceivedWebhook> Accepted { get; } = new();

    private int _count;

    private Task<LoopbackReply> HandleAsync(RecordedRequest request)
    {
        var id = request.Headers["webhook-id"] ?? "";
        var timestamp = long.TryParse(request.Headers["webhook-timestamp"], out var t) ? t : 0;
        var signature = request.Headers["webhook-signature"] ?? "";
        var expected = new StandardWebhook(Secret).Sign(id, DateTimeOffset.FromUnixTimeSeconds(timestamp), request.Body);
        var valid = signature.Split(' ').Any(s => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(s), System.Text.Encoding.ASCII.GetBytes(expected)));
        string type = "", leadId = "";
        try
        {
            var root = JsonDocument.Parse(request.Body).RootElement;
            type = root.GetProperty("type").GetString() ?? "";
            leadId = root.GetProperty("data").GetProperty("leadId").GetString() ?? "";
        }
        catch (JsonException)
        {
        }
        var received = new ReceivedWebhook(id, timestamp, type, leadId, request.Body, valid, request);
        Requests.Enqueue(received);
        if (Fail(Interlocked.Increment(ref _count)) is { } failure) return Task.FromResult(failure);
        Accepted.Enqueue(received);
        return Task.FromResult(new LoopbackReply(204));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
