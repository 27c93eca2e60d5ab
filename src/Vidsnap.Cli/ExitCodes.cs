using System.Net.Sockets;
using Vidsnap.Client;

namespace Vidsnap.Cli;

/// <summary>What the process answers, for scripts: documented in --help and the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int VideoFailed = 1;
    public const int Usage = 2;
    public const int Auth = 3;
    public const int Unreachable = 4;

    public const string Help = "Exit codes: 0 all completed (or, without --wait, all uploaded); 1 some video failed (its reason is printed); "
        + "2 usage error; 3 not signed in or refused (401/403); 4 server unreachable or not answering.";

    public static int For(Exception exception) => exception switch
    {
        UsageException => Usage,
        VidsnapNotSignedInException => Auth,
        VidsnapProblemException { Status: 401 or 403 } => Auth,
        VidsnapProblemException { Status: 400 } problem when problem.Errors.Keys.Any(k => k.StartsWith("options", StringComparison.Ordinal)) => Usage,
        HttpRequestException { StatusCode: null } => Unreachable,
        SocketException or TimeoutException => Unreachable,
        _ => VideoFailed,
    };

    /// <summary>The code of a run: the worst of its parts, auth and reachability above a failed video.</summary>
    public static int Worst(IEnumerable<int> codes) =>
        codes.Select(c => (Code: c, Rank: c switch { Unreachable => 4, Auth => 3, Usage => 2, VideoFailed => 1, _ => 0 }))
            .DefaultIfEmpty((Code: Ok, Rank: 0)).MaxBy(c => c.Rank).Code;
}

/// <summary>The command line asks for something that cannot be done as written.</summary>
internal sealed class UsageException(string message) : Exception(message);
