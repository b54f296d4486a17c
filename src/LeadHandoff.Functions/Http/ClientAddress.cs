using System.Net;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>The caller's IP as Azure's front end reports it, for rate limiting and Turnstile.</summary>
public static class ClientAddress
{
    public static string? Of(HttpRequest request)
    {
        // Azure's front end puts the client first in X-Forwarded-For ("ip:port"), and the Functions
        // host then forwards to the worker over loopback, so the connection address is not the client.
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is not null)
        {
            if (IPAddress.TryParse(first, out var ip)) return ip.ToString();
            if (IPEndPoint.TryParse(first, out var endpoint)) return endpoint.Address.ToString();
        }
        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }
}
