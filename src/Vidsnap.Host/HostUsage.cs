namespace Vidsnap.Host;

/// <summary>What `vidsnap --help` prints: how to start each mode and role, the one-shot commands, and how settings are given.</summary>
public static class HostUsage
{
    public static bool Wanted(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "help";
    }

    public static string Text => $"""
        Vidsnap turns uploaded videos into images: frames picked as asked, a poster, a storyboard and a contact sheet.

        Usage:
          vidsnap [ROLES] [--urls URLS] [--Section:Key=value ...]
          vidsnap {HostCommands.Migrate} | {HostCommands.Setup} | {HostCommands.RotateSigningKey} [--Section:Key=value ...]
          vidsnap {HostCommands.Extract} INPUT OUTPUT.zip [--options JSON]
          vidsnap --help

        Start (with no command):
          ROLES            which roles this process runs, comma separated: all (the default), {string.Join(", ", RoleSet.All)}.
                           Also --roles ROLES.
          --urls URLS      where the public port listens, ';' separated (default http://localhost:8080).
          --Management:Port=N
                           readiness (/health/ready) and metrics (/metrics) port on the same hosts (default {Vidsnap.Platform.Management.ManagementOptions.DefaultPort}).
          --Vidsnap:Mode=embedded|distributed
                           embedded (default): SQLite, files and in-process queues under --Vidsnap:DataDirectory (./data);
                           distributed: PostgreSQL, S3, SQS and SMTP, configured under ConnectionStrings, Storage, Queues, Smtp.

        Commands:
          {HostCommands.Migrate,-16} bring the database schema up to date, then exit (a Kubernetes Job runs it before a rollout).
          {HostCommands.Setup,-16} create what the adapters need (bucket, queues with their dead-letter queues), then exit.
          {HostCommands.RotateSigningKey,-16} add a token signing key; it signs once its activation delay has passed.
          {HostCommands.Extract,-16} extract frames from a local file into a zip, with no server.

        Every setting is a --Section:Key=value argument or a Section__Key environment variable; README.md and
        docs/deploy.md list them. ./run.sh builds and starts embedded mode; ./run.sh distributed starts every role.
        """;
}
