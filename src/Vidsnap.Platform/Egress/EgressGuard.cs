using System.Net;
using System.Net.Sockets;

namespace Vidsnap.Platform.Egress;

/// <summary>
/// Where the server may connect when a user gives it an address (a webhook URL): public internet addresses only,
/// unless private networks are allowed. The check is made when the address is given and again, on the addresses
/// the name resolves to then, each time a connection opens, so a name that later resolves elsewhere (DNS
/// rebinding) reaches nothing it should not.
/// </summary>
public static class EgressGuard
{
    /// <summary>Loopback, private, link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast, reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || address.IsIPv6Teredo || IPNetwork.Parse("64:ff9b::/96").Contains(address) || IPNetwork.Parse("2001:db8::/32").Contains(address));
        }

        return !Private.Any(n => n.Contains(address));
    }

    /// <summary>The addresses <paramref name="host"/> resolves to, or why the server may not connect there.</summary>
    public static async Task<(IPAddress[] Addresses, string? Refusal)> ResolveAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return ([], $"The host '{host}' does not resolve.");
        }

        if (addresses.Length == 0)
        {
            return ([], $"The host '{host}' does not resolve.");
        }

        if (!allowPrivate && addresses.Any(a => !IsPublic(a)))
        {
            return ([], $"The host '{host}' resolves to a private, loopback or link-local address, which this server does not call.");
        }

        return (addresses, null);
    }

    /// <summary>
    /// An HTTP handler that connects only where <see cref="ResolveAsync"/> allows, never follows redirects (a
    /// redirect could point anywhere), and keeps no connection long, so a changed DNS answer is checked again.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var (addresses, refusal) = await ResolveAsync(context.DnsEndPoint.Host, allowPrivate, cancellationToken);
            if (refusal is not null)
            {
                throw new HttpRequestException(refusal);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];
}
