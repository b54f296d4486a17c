using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LeadHandoff.Testing;

public sealed record RecordedRequest(string Method, string Path, NameValueCollection Headers, string Body);

/// <summary>What the server answers; <see cref="Drop"/> closes the connection without a byte of reply.</summary>
public sealed record LoopbackReply(int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null, bool Drop = false)
{
    public static LoopbackReply Json(int status, string body) => new(status, body);
}

/// <summary>
/// A small real HTTP/1.1 server on 127.0.0.1, written on raw sockets so a test can also misbehave
/// the way real servers do (hang, or drop a connection mid-request). Records every request.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, Task<LoopbackReply>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<RecordedRequest, Task<LoopbackReply>> handler)
    {
        _handler = handler;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    Requests.Enqueue(request);
                    var reply = await _handler(request);
                    if (reply.Drop) return; // closes the socket with nothing written
                    var body = Encoding.UTF8.GetBytes(reply.Body);
                    var head = new StringBuilder($"HTTP/1.1 {reply.Status} {(HttpStatusCode)reply.Status}\r\n")
                        .Append($"Content-Type: {reply.ContentType}\r\nContent-Length: {body.Length}\r\n");
                    foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) head.Append($"{name}: {value}\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
                    await stream.WriteAsync(body);
                }
            }
            catch (IOException)
            {
                // the client hung up (e.g. its own timeout): nothing to answer
            }
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = new NameValueCollection(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        var length = int.TryParse(headers["Content-Length"], out var n) ? n : 0;
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var got = await stream.ReadAsync(body.AsMemory(read));
            if (got == 0) return null;
            read += got;
        }
        return new RecordedRequest(start[0], start[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
    }
}
