using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LeadHandoff.Functions.Http;

/// <summary>
/// A fully formed HTTP response: status, headers and body written straight to the response. It needs
/// no MVC executors, so tests can run it on a bare <see cref="DefaultHttpContext"/>.
/// </summary>
public sealed class WebResponse(int status, string? contentType = null, string? body = null) : IActionResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, string> _headers = [];

    public int Status => status;

    public WebResponse WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public static WebResponse JsonBody(int status, object value) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.Serialize(value, Json));

    /// <summary>RFC 9457 problem details; <paramref name="errors"/> maps each bad field to its messages.</summary>
    public static WebResponse Problem(int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new Dictionary<string, object?> { ["type"] = $"https://httpstatuses.io/{status}", ["title"] = title, ["status"] = status };
        if (detail is not null) problem["detail"] = detail;
        if (errors is not null) problem["errors"] = errors;
        return new WebResponse(status, "application/problem+json; charset=utf-8", JsonSerializer.Serialize(problem, Json));
    }

    public static WebResponse Html(int status, string html) => new(status, "text/html; charset=utf-8", html);

    /// <summary>
    /// A page for people: no script may run (CSP allows only the page's own inline stylesheet and
    /// form posts to itself), nothing is cached, and the token in the URL never leaks as a Referer.
    /// </summary>
    public static WebResponse Page(int status, string html) => Html(status, html)
        .WithHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        .WithHeader("X-Content-Type-Options", "nosniff")
        .WithHeader("Referrer-Policy", "no-referrer")
        .WithHeader("Cache-Control", "no-store");

    public static WebResponse SeeOther(Uri location) => SeeOther(location.AbsoluteUri);

    public static WebResponse SeeOther(string location) => new WebResponse(StatusCodes.Status303SeeOther).WithHeader("Location", location);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        foreach (var (name, value) in _headers) response.Headers[name] = value;
        if (body is null) return;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        // HEAD gets the same headers as GET and no body.
        if (HttpMethods.IsHead(context.HttpContext.Request.Method)) return;
        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
    }
}
