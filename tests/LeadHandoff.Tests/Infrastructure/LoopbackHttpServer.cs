using System.Collections.Concurrent;
using System.Net;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>A small real HTTP server on 127.0.0.1 that records requests and answers with a scripted handler.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, HttpListenerResponse, Task> _handler;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<RecordedRequest, HttpListenerResponse, Task> handler)
    {
        _handler = handler;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream);
                var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers, await reader.ReadToEndAsync());
                Requests.Enqueue(request);
                try
                {
                    await _handler(request, context.Response);
                }
                finally
                {
                    try { context.Response.Close(); } catch (ObjectDisposedException) { } // the handler aborted it
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

public sealed record RecordedRequest(string Method, string Path, System.Collections.Specialized.NameValueCollection Headers, string Body);
