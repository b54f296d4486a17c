using System.Text;
using LeadHandoff.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>
/// The function app's own composition (<see cref="FunctionAppServices"/>, as Program.cs calls it) with
/// test settings, a fake clock and captured logs. Each app gets its own tables.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestApp(Dictionary<string, string?> settings, FakeTimeProvider time, Action<IServiceCollection>? overrides)
    {
        Settings = settings;
        Time = time;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddLeadHandoffFunctions();
        services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(Gate);
        overrides?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What the host does on start: every options class validated before the first request.
        _services.GetRequiredService<IStartupValidator>().Validate();
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public FakeTimeProvider Time { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Holds racing storage writes until they all arrive, for the tests that promise a race (unarmed: passes everything).</summary>
    public StorageGate Gate { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>Defaults every test can rely on; <paramref name="configure"/> overrides or adds.</summary>
    /// <param name="overrides">Runs after the app's own registrations: for fault injection only.</param>
    public static TestApp Create(string connectionString, Action<Dictionary<string, string?>>? configure = null, DateTimeOffset? now = null, Action<IServiceCollection>? overrides = null, FakeTimeProvider? clock = null)
    {
        var settings = TestSettings.For(connectionString);
        configure?.Invoke(settings);
        return new TestApp(settings, clock ?? new FakeTimeProvider(now ?? new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)), overrides);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A function class built the way the worker builds it: from the app's services.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>A GET of <paramref name="target"/> (path and query) through an HTTP function.</summary>
    public Task<TestResponse> GetAsync(string target, Func<HttpRequest, Task<IActionResult>> function) =>
        SendAsync(new TestRequest("GET", null, []) { Target = target }, function);

    /// <summary>Runs an HTTP function on a real <see cref="DefaultHttpContext"/> and executes its result.</summary>
    public async Task<TestResponse> SendAsync(TestRequest request, Func<HttpRequest, Task<IActionResult>> function)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = request.Method;
        var target = new Uri("http://localhost" + request.Target);
        context.Request.Path = target.AbsolutePath;
        context.Request.QueryString = new QueryString(target.Query);
        context.Request.ContentType = request.ContentType;
        context.Request.Body = new MemoryStream(request.Body);
        context.Request.ContentLength = request.Body.Length;
        foreach (var (name, value) in request.Headers) context.Request.Headers[name] = value;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(request.RemoteIp);
        var body = new MemoryStream();
        context.Response.Body = body;

        var result = await function(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
