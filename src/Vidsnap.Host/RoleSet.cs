namespace Vidsnap.Host;

/// <summary>The roles one process runs, as Loki's -target: any set of them, or "all".</summary>
public sealed class RoleSet
{
    public const string Gateway = "gateway";
    public const string Auth = "auth";
    public const string Api = "api";
    public const string VideoWorker = "video-worker";
    public const string StatusWorker = "status-worker";
    public const string Notifier = "notifier";

    /// <summary>Every role, as the role table lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. RoleModules.All.Select(m => m.Name)];

    private readonly HashSet<string> roles;

    private RoleSet(IEnumerable<string> roles) => this.roles = new HashSet<string>(roles, StringComparer.Ordinal);

    public bool Has(string role) => roles.Contains(role);

    public bool ServesHttpApi => Has(Gateway) || Has(Api);

    /// <summary>The OpenTelemetry service name: vidsnap-&lt;role&gt; for a process of one role, vidsnap otherwise.</summary>
    public string ServiceName => roles.Count == 1 ? $"vidsnap-{roles.Single()}" : "vidsnap";

    public override string ToString() => string.Join(",", All.Where(roles.Contains));

    public static RoleSet Parse(string? value)
    {
        var names = (string.IsNullOrWhiteSpace(value) ? "all" : value)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToList();
        var unknown = names.Where(n => n != "all" && !All.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Roles are: all, {string.Join(", ", All)}.");
        }

        return new RoleSet(names.Contains("all") ? All : names);
    }

    /// <summary>Accepts "--role api", "--roles api,gateway" and a bare first argument ("vidsnap video-worker").</summary>
    public static string[] NormalizeArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = new List<string>(args);
        if (list.Count > 0 && !list[0].StartsWith('-') && !list[0].Contains('='))
        {
            list[0] = "--Vidsnap:Roles=" + list[0];
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is "--role" or "--roles")
            {
                list[i] = "--Vidsnap:Roles";
            }
        }

        return [.. list];
    }
}
