using System.Net;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>The caller's IP as the platform saw it, for rate limiting and Turnstile.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address. Under the Functions host this is already the address the
    /// host received the request from: the host forwards each request to the worker with
    /// <c>X-Forwarded-For</c> set (not appended) to that address, and the worker's ASP.NET Core
    /// integration applies it and removes the header. So an <c>X-Forwarded-For</c> a client wrote
    /// never reaches this code, and reading that header here would read nothing in Azure (the
    /// end-to-end test shows a rotating spoofed header gets nothing past the limit). Behind a
    /// proxy of ours (Azure Front Door), every request arrives from the proxy, and the visitor is
    /// in the proxy's own header: <paramref name="clientHeader"/> (<c>X-Azure-ClientIP</c>), to be
    /// set only when the app accepts traffic from that proxy alone.
    /// </summary>
    public static string? Of(HttpRequest request, string? clientHeader)
    {
        if (clientHeader is { Length: > 0 } && request.Headers[clientHeader].ToString().Trim() is { Length: > 0 } value)
        {
            if (IPAddress.TryParse(value, out var ip)) return ip.ToString();
            if (IPEndPoint.TryParse(value, out var endpoint)) return endpoint.Address.ToString();
        }
        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }
}
