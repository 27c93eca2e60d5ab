using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Vidsnap.Platform.Management;

namespace Vidsnap.Host;

/// <summary>
/// A port another program holds, said in one line before the host starts. Left to Kestrel, the bind fails inside
/// the generic host, which logs the whole stack trace before the process dies; a newcomer needs the port and the
/// way to choose another, nothing more.
/// </summary>
public static class BusyPorts
{
    /// <summary>The line for the first address in <paramref name="urls"/> that cannot be bound now, or null when all can.</summary>
    public static string? Check(string? urls, int managementPort)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
            {
                continue;
            }

            foreach (var ip in Addresses(address.Host))
            {
                if (!CanBind(ip, address.Port))
                {
                    return Message(address.Port, managementPort);
                }
            }
        }

        return null;
    }

    /// <summary>The exception Kestrel throws when a port was taken between the check and the bind (rare), or null.</summary>
    public static int? PortOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                var text = exception.Message;
                var colon = text.LastIndexOf(':');
                var digits = colon < 0 ? string.Empty : new string([.. text[(colon + 1)..].TakeWhile(char.IsAsciiDigit)]);
                return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0;
            }
        }

        return null;
    }

    public static string Message(int port, int managementPort) => port == managementPort
        ? $"Port {port}, Vidsnap's management port (readiness and metrics), is already in use by another program. Stop it, or choose another port with --Management:Port={NextPort(port)}."
        : $"Port {port} is already in use by another program. Stop it, or start Vidsnap on another port: --urls http://localhost:{NextPort(port)} (./run.sh --urls http://localhost:{NextPort(port)}).";

    private static int NextPort(int port) => port switch { 0 => 8090, >= 65_000 => port - 10, _ => port + 10 };

    private static IEnumerable<IPAddress> Addresses(string host) => host switch
    {
        "localhost" => Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback],
        "*" or "+" or "0.0.0.0" => [IPAddress.Any],
        "[::]" or "::" => [IPAddress.IPv6Any],
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => [ip],
        // A host name: Kestrel listens on every address for it, as for "*".
        _ => [IPAddress.Any],
    };

    private static bool CanBind(IPAddress ip, int port)
    {
        try
        {
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(new IPEndPoint(ip, port));
            socket.Listen();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (no IPv6 on this machine, an address not on it): Kestrel says what it says.
            return true;
        }
    }
}
