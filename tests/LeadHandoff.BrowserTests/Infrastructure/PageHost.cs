using LeadHandoff.Functions.Qualification;
using LeadHandoff.Functions.Scorecards;
using LeadHandoff.Functions.TeamWeek;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>
/// The sales pages and the scorecard on a real Kestrel server on loopback, each route calling its function class, so
/// a real browser can use them. (The Functions host itself cannot run on this machine.)
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    private readonly WebApplication _web;

    private PageHost(WebApplication web) => _web = web;

    public string BaseUrl { get; private set; } = "";

    public static async Task<PageHost> StartAsync(TestApp app)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        web.Map("/api/qualify", context => RunAsync(context, app.Function<QualifyLead>().Run(context.Request, context.RequestAborted)));
        web.Map("/api/batch", context => RunAsync(context, app.Function<QualifyBatch>().Run(context.Request, context.RequestAborted)));
        web.Map("/api/team", context => RunAsync(context, app.Function<TeamPage>().Run(context.Request, context.RequestAborted)));
        web.Map("/api/scorecard", context => RunAsync(context, app.Function<GetScorecard>().Run(context.Request, context.RequestAborted)));
        await web.StartAsync();
        return new PageHost(web) { BaseUrl = web.Urls.Single() };
    }

    /// <summary>The same link with this host in place of the app's public base URL.</summary>
    public string Local(string link) => BaseUrl + new Uri(link).PathAndQuery;

    private static async Task RunAsync(HttpContext context, Task<IActionResult> function)
    {
        var result = await function;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
