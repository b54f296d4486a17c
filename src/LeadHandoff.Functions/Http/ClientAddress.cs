using System.Net;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>The caller's IP as the platform saw it, for rate limiting and Turnstile.</summary>
public static class ClientAddress
{
    /// <summary>
    /// A proxy appends the address it saw to <c>X-Forwarded-For</c>; whatever a client put there
    /// itself comes first and proves nothing. So the client is the entry <paramref name="trustedHops"/>
    /// from the right: 1 when the platform's front end is the only proxy, 2 behind a further one of
    /// ours (a Front Door, say). The Functions host forwards to the worker over loopback, so the
    /// connection address is used only when the header is absent.
    /// </summary>
    public static string? Of(HttpRequest request, int trustedHops)
    {
        var entries = request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length > 0)
        {
            // Fewer entries than trusted hops: the first is as far back as the header goes.
            var entry = entries[Math.Max(0, entries.Length - trustedHops)];
            if (IPAddress.TryParse(entry, out var ip)) return ip.ToString();
            if (IPEndPoint.TryParse(entry, out var endpoint)) return endpoint.Address.ToString();
        }
        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }
}
