using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadHandoff.Tests.Faults;

public enum StorageFault
{
    /// <summary>The connection dies before the request leaves: the server never sees it.</summary>
    ResetBeforeSend,
    /// <summary>The server answers 500 without doing anything.</summary>
    ServerError,
    /// <summary>The server answers 503 without doing anything.</summary>
    Unavailable,
    /// <summary>The request reaches Azurite and commits; the response is lost, so the SDK retries.</summary>
    LostResponse,
    /// <summary>The request is slow, then goes through.</summary>
    Delay,
}

/// <summary>
/// The fault rig's storage half: an Azure.Core pipeline policy, placed per retry in the app's own
/// table clients, that injects faults drawn from a seeded random stream, and crashes the run at a
/// chosen write. It exists only in the tests, registered by the test app as an
/// <see cref="HttpPipelinePolicy"/>; the app itself has no switch for it.
/// </summary>
public sealed class StorageFaults(int seed, double rate, params StorageFault[] kinds) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private Func<HttpMessage, string, bool>? _crashWhen;

    public ConcurrentDictionary<StorageFault, int> Injected { get; } = new();

    /// <summary>Off while the test reads its results.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Crashes the run (throws <see cref="SimulatedCrash"/>) at the first request the rule matches, once.</summary>
    public void CrashOnce(Func<HttpMessage, string, bool> when) => _crashWhen = when;

    public bool Crashed { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_crashWhen is { } rule && rule(message, Body(message)))
        {
            _crashWhen = null;
            Crashed = true;
            throw new SimulatedCrash($"crash before {message.Request.Method} {message.Request.Uri.Path}");
        }
        switch (Draw())
        {
            case null:
                await ProcessNextAsync(message, pipeline);
                return;
            case StorageFault.Delay:
                await Task.Delay(Next(5, 40));
                await ProcessNextAsync(message, pipeline);
                return;
            case StorageFault.ResetBeforeSend:
                throw new IOException("injected: connection reset before the request was sent");
            case StorageFault.ServerError:
                message.Response = new InjectedResponse(500);
                return;
            case StorageFault.Unavailable:
                message.Response = new InjectedResponse(503);
                return;
            case StorageFault.LostResponse:
                await ProcessNextAsync(message, pipeline);
                throw new IOException("injected: the response was lost after the server committed the request");
        }
    }

    [DoesNotReturn]
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app calls storage asynchronously only.");

    private StorageFault? Draw()
    {
        if (!Enabled) return null;
        lock (_gate)
        {
            if (_random.NextDouble() >= rate) return null;
            var kind = kinds.Length > 0 ? kinds[_random.Next(kinds.Length)] : (StorageFault)_random.Next(5);
            Injected.AddOrUpdate(kind, 1, (_, n) => n + 1);
            return kind;
        }
    }

    private int Next(int min, int max)
    {
        lock (_gate) return _random.Next(min, max);
    }

    private static string Body(HttpMessage message)
    {
        if (message.Request.Content is null) return "";
        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A response the server never sent.</summary>
    private sealed class InjectedResponse(int status) : Response
    {
        // The transport policy marks a response as an error; this one never passed through it.
        public override bool IsError => true;

        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };

        public override int Status => status;
        public override string ReasonPhrase => status == 503 ? "Service Unavailable" : "Internal Server Error";
        public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes("""{"odata.error":{"code":"InjectedFault","message":{"lang":"en-US","value":"injected by the fault rig"}}}"""));
        public override string ClientRequestId { get; set; } = "";
        public override void Dispose() => ContentStream?.Dispose();
        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);
        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            var found = _headers.TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}

/// <summary>The process dying at a chosen point: nothing after it in that run happens.</summary>
public sealed class SimulatedCrash(string message) : Exception(message);
