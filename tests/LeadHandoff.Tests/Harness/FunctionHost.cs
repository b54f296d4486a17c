using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using LeadHandoff.Tests.Harness.Rpc;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Tests.Harness;

/// <summary>
/// Stands in for the Azure Functions host: launches the built function app as a separate process the
/// way the host does (command line and environment), serves the host side of FunctionRpc.EventStream
/// (start stream, init, worker indexing, load, invocations, terminate), forwards real HTTP requests
/// to the worker's ASP.NET Core endpoint correlated with their invocations, and enforces function keys.
/// </summary>
public sealed class FunctionHost : IAsyncDisposable
{
    public const string FunctionKey = "harness-function-key";
    private const string InvocationHeader = "x-ms-invocation-id";

    private readonly WorkerChannel _channel = new();
    private readonly StringBuilder _output = new();
    private readonly HttpClient _toWorker = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Stopwatch _sinceLaunch = new();
    private WebApplication? _grpc;
    private WebApplication? _public;
    private Process? _worker;
    private Uri? _workerHttp;

    public string PublicUrl { get; private set; } = "";

    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    public IReadOnlyCollection<string> WorkerLogs => _channel.Logs;

    /// <summary>Failures of the harness itself while forwarding, for test messages.</summary>
    public ConcurrentQueue<string> HostErrors { get; } = new();

    /// <summary>Every invocation's outcome, in the order they completed.</summary>
    public ConcurrentQueue<(string Function, InvocationResponse Response)> Invocations { get; } = new();

    /// <summary>From launching the worker to its first successful invocation.</summary>
    public TimeSpan? FirstSuccessAfter { get; private set; }

    public string WorkerOutput
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<FunctionHost> StartAsync(IReadOnlyDictionary<string, string?> appSettings, TimeSpan? timeout = null)
    {
        var host = new FunctionHost();
        try
        {
            await host.StartCoreAsync(appSettings, timeout ?? TimeSpan.FromSeconds(60));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(IReadOnlyDictionary<string, string?> appSettings, TimeSpan timeout)
    {
        _grpc = BuildServer(HttpProtocols.Http2, app => app.MapGrpcService<HarnessRpcService>(), services => services.AddGrpc().Services.AddSingleton(_channel));
        await _grpc.StartAsync();
        _public = BuildServer(HttpProtocols.Http1, app => app.Map("/{**path}", async context =>
        {
            try
            {
                await ForwardAsync(context);
            }
            catch (Exception ex)
            {
                HostErrors.Enqueue(ex.ToString());
                throw;
            }
        }), _ => { });
        await _public.StartAsync();
        PublicUrl = _public.Urls.Single();

        var grpcUri = new Uri(_grpc.Urls.Single());
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var directory = FunctionAppOutput.Path;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The host's own command line for a worker: the legacy names and the "functions-" ones.
        foreach (var argument in new[]
        {
            Path.Combine(directory, "LeadHandoff.Functions.dll"),
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(), "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", int.MaxValue.ToString(), "--functions-uri", grpcUri.AbsoluteUri, "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", int.MaxValue.ToString(),
        }) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT").ToList())
            start.Environment.Remove(name);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        start.Environment["AzureWebJobsScriptRoot"] = directory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = directory;
        foreach (var (name, value) in appSettings) start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;

        _sinceLaunch.Start();
        _worker = Process.Start(start)!;
        _worker.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();

        await WhileRunningAsync(_channel.Started, "open its EventStream", timeout);
        var init = (await WhileRunningAsync(_channel.RequestAsync(new StreamingMessage
        {
            RequestId = requestId,
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1000.0",
                WorkerDirectory = directory,
                FunctionAppDirectory = directory,
                Capabilities =
                {
                    ["RpcHttpBodyOnly"] = "true", ["RawHttpBodyBytes"] = "true", ["TypedDataCollection"] = "true",
                    ["RpcHttpTriggerMetadataRemoved"] = "true", ["IgnoreEmptyValuedRpcHttpHeaders"] = "true",
                    ["HandlesWorkerTerminateMessage"] = "true", ["HandlesInvocationCancelMessage"] = "true",
                },
            },
        }, "init"), "answer WorkerInitRequest", timeout)).WorkerInitResponse;
        if (init.Result.Status != StatusResult.Types.Status.Success) throw Failure($"worker init failed: {init.Result.Exception?.Message}");
        if (!init.Capabilities.TryGetValue("HttpUri", out var httpUri)) throw Failure("the worker did not report its HttpUri capability");
        _workerHttp = new Uri(httpUri);

        var metadata = (await WhileRunningAsync(_channel.RequestAsync(new StreamingMessage { RequestId = requestId, FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory } }, "metadata"),
            "answer FunctionsMetadataRequest", timeout)).FunctionMetadataResponse;
        if (metadata.Result.Status != StatusResult.Types.Status.Success) throw Failure($"function indexing failed: {metadata.Result.Exception?.Message}");
        Functions = metadata.FunctionMetadataResults.Select(LoadedFunction.From).ToList();
        foreach (var function in Functions)
        {
            var load = (await WhileRunningAsync(_channel.RequestAsync(new StreamingMessage
            {
                RequestId = requestId,
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.Id, Metadata = function.Metadata },
            }, "load:" + function.Id), $"load {function.Name}", timeout)).FunctionLoadResponse;
            if (load.Result.Status != StatusResult.Types.Status.Success) throw Failure($"loading {function.Name} failed: {load.Result.Exception?.Message}");
        }
        // The worker reports its HttpUri before its Kestrel listens; the host retries, we wait once.
        await WhileRunningAsync(WaitForListenerAsync(_workerHttp, timeout), "listen on its HttpUri", timeout);
    }

    private static async Task<bool> WaitForListenerAsync(Uri uri, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25);
            }
        }
        return false;
    }

    /// <summary>Fires a timer trigger with the payload the host sends: schedule status and IsPastDue.</summary>
    public Task<InvocationResponse> InvokeTimerAsync(string functionName, bool isPastDue = false)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var now = DateTimeOffset.UtcNow;
        var payload = $$"""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"{{now.AddMinutes(-15):O}}","Next":"{{now.AddMinutes(15):O}}","LastUpdated":"{{now.AddMinutes(-15):O}}"},"IsPastDue":{{(isPastDue ? "true" : "false")}}}""";
        return InvokeAsync(function, new TypedData { Json = payload });
    }

    private async Task<InvocationResponse> InvokeAsync(LoadedFunction function, TypedData trigger, string? invocationId = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.Id,
            // The host always sends a W3C trace context; the worker builds its activity from it.
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01", TraceState = "" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.TriggerParameter, Data = trigger });
        var response = (await WhileRunningAsync(_channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, "invoke:" + invocationId), $"answer invocation of {function.Name}", TimeSpan.FromSeconds(60))).InvocationResponse;
        Invocations.Enqueue((function.Name, response));
        if (response.Result.Status == StatusResult.Types.Status.Success && FirstSuccessAfter is null) FirstSuccessAfter = _sinceLaunch.Elapsed;
        return response;
    }

    /// <summary>The public side: route, check the key, then run the invocation and the forwarded request together.</summary>
    private async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var function = path.StartsWith("/api/", StringComparison.Ordinal)
            ? Functions.FirstOrDefault(f => f.Trigger == "httpTrigger" && f.Route == path[5..] && f.Methods.Contains(context.Request.Method))
            : null;
        if (function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (function.AuthLevel is "function" or "admin")
        {
            var key = context.Request.Query["code"].ToString();
            if (key.Length == 0) key = context.Request.Headers["x-functions-key"].ToString();
            if (key != FunctionKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }

        var invocationId = Guid.NewGuid().ToString();
        var invocation = InvokeAsync(function, new TypedData { Http = new RpcHttp { Method = context.Request.Method, Url = $"{PublicUrl}{path}{context.Request.QueryString}" } }, invocationId);
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_workerHttp!, path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            forward.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray())) forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        forward.Headers.Add("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
        forward.Headers.Add(InvocationHeader, invocationId);

        using var response = await _toWorker.SendAsync(forward, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        // As the host does: a failed invocation is a 500, whatever the worker's pipeline wrote.
        if ((await invocation).Result.Status != StatusResult.Types.Status.Success)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
            context.Response.Headers[name] = values.ToArray();
        }
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task<T> WhileRunningAsync<T>(Task<T> task, string what, TimeSpan timeout)
    {
        var exited = _worker!.WaitForExitAsync();
        var finished = await Task.WhenAny(task, exited, Task.Delay(timeout));
        if (finished == task) return await task;
        await Task.Delay(200); // let the last lines of output arrive
        throw finished == exited
            ? Failure($"the worker exited with code {_worker.ExitCode} before it could {what}")
            : Failure($"the worker did not {what} within {timeout.TotalSeconds} s");
    }

    private InvalidOperationException Failure(string what) => new($"Function host harness: {what}.\nWorker output:\n{WorkerOutput}");

    private static WebApplication BuildServer(HttpProtocols protocols, Action<WebApplication> map, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        services(builder.Services);
        var app = builder.Build();
        map(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is { HasExited: false })
        {
            _channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _worker.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _worker.Kill(entireProcessTree: true);
            }
        }
        _worker?.Dispose();
        _toWorker.Dispose();
        if (_public is not null) await _public.DisposeAsync();
        if (_grpc is not null) await _grpc.DisposeAsync();
    }
}
