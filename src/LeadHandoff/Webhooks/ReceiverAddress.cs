using System.Net;
using System.Net.Sockets;

namespace LeadHandoff.Webhooks;

/// <summary>Looks a host name up, as the webhook delivery's connections do; a seam so tests can say what a name resolves to.</summary>
public delegate Task<IPAddress[]> ResolveHost(string host, CancellationToken cancellationToken);

/// <summary>
/// Where a webhook may connect: only to public addresses, so a subscription cannot be pointed at
/// the app's own network (the platform's metadata endpoint, a private service, this machine).
/// Checked on the URL at start-up and again on every connection, after DNS, since a name can
/// resolve anywhere and change.
/// </summary>
public static class ReceiverAddress
{
    /// <summary>False for loopback, private (RFC 1918, unique-local), link-local (the cloud metadata address among them), shared (RFC 6598), unspecified, multicast and reserved addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC); // unique-local fc00::/7
        }
        return false;
    }

    /// <summary>What is wrong with a receiver URL's host before any lookup: a name for this machine, or an address that is not public.</summary>
    public static bool IsLocalHost(Uri url) =>
        url.IsLoopback || string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase) || url.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.IdnHost, out var literal) && !IsPublic(literal));

    /// <summary>The connection a delivery uses: the host looked up, and only a public address of it connected to (unless local receivers are allowed, for development).</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLocal, ResolveHost resolve, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await resolve(endpoint.Host, cancellationToken);
        var allowed = allowLocal ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new ReceiverNotPublicException($"The receiver's host resolves to no public address ({string.Join(", ", addresses.Select(a => a.ToString()))}): refused.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery refused before connecting: the receiver's host resolved to no public address.</summary>
public sealed class ReceiverNotPublicException(string message) : Exception(message);
