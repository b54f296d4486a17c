using System.Collections.Concurrent;
using System.Text.Json;

namespace LeadHandoff.Testing;

/// <summary>One scripted answer of the fake SendGrid.</summary>
public sealed record SendGridReply(int Status, TimeSpan Delay = default, bool Drop = false, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static SendGridReply Accepted => new(202);
    public static SendGridReply TooMany(int retryAfterSeconds) => new(429, Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString() });
    public static SendGridReply Slow(TimeSpan delay) => new(202, delay);
    public static SendGridReply Dropped => new(0, Drop: true);
}

/// <summary>A mail as SendGrid received it, read back from the v3 JSON body.</summary>
public sealed record SentMail(string[] To, string[] Cc, string Subject, string Text, string Html, Dictionary<string, string> CustomArgs, Dictionary<string, byte[]> Attachments, DateTimeOffset ReceivedAt)
{
    public string LedgerId => CustomArgs["ledger_message_id"];
}

/// <summary>
/// A fake SendGrid v3 API on loopback, for the real SendGrid client pointed at it through its Host
/// option. Replies come from a script (then 202 by default); every request body is recorded.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly ConcurrentQueue<SendGridReply> _script = new();
    private readonly LoopbackHttpServer _server;
    private int _ids;

    public FakeSendGrid(TimeProvider clock)
    {
        _server = new LoopbackHttpServer(async request =>
        {
            var reply = _script.TryDequeue(out var next) ? next : SendGridReply.Accepted;
            var mail = Parse(request.Body, clock.GetUtcNow());
            Requests.Enqueue(mail);
            // A slow 2xx has accepted the mail already: only the answer is late (the client may give up on it).
            if (reply.Status is 200 or 202 && !reply.Drop) Accepted.Enqueue(mail);
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            if (reply.Drop) return new LoopbackReply(0, Drop: true);
            if (reply.Status is 200 or 202)
            {
                var headers = new Dictionary<string, string>(reply.Headers ?? new Dictionary<string, string>()) { ["X-Message-Id"] = $"sg-{Interlocked.Increment(ref _ids)}" };
                return new LoopbackReply(reply.Status, Headers: headers);
            }
            return new LoopbackReply(reply.Status, """{"errors":[{"message":"scripted failure"}]}""", Headers: reply.Headers);
        });
    }

    public string Host => _server.Url("");

    /// <summary>Every request that reached the fake, whatever it answered.</summary>
    public ConcurrentQueue<SentMail> Requests { get; } = new();

    /// <summary>Mails the fake answered 2xx to: what recipients would get.</summary>
    public ConcurrentQueue<SentMail> Accepted { get; } = new();

    public void Script(params SendGridReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>Drops the scripted replies not used yet: what follows is accepted.</summary>
    public void ClearScript() => _script.Clear();

    public List<SentMail> To(string address) => Accepted.Where(m => m.To.Contains(address)).ToList();

    private static SentMail Parse(string body, DateTimeOffset at)
    {
        var root = JsonDocument.Parse(body).RootElement;
        var personalization = root.GetProperty("personalizations")[0];
        string[] Addresses(string name) => personalization.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(a => a.GetProperty("email").GetString()!).ToArray() : [];
        string Content(string type) => root.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;
        var customArgs = personalization.TryGetProperty("custom_args", out var args) || root.TryGetProperty("custom_args", out args)
            ? args.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
        var attachments = root.TryGetProperty("attachments", out var files)
            ? files.EnumerateArray().ToDictionary(f => f.GetProperty("filename").GetString()!, f => Convert.FromBase64String(f.GetProperty("content").GetString()!))
            : [];
        var subject = personalization.TryGetProperty("subject", out var s) ? s.GetString()! : root.GetProperty("subject").GetString()!;
        return new SentMail(Addresses("to"), Addresses("cc"), subject, Content("text/plain"), Content("text/html"), customArgs, attachments, at);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
