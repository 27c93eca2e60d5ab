using System.Diagnostics;

using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests.Support;

public sealed record ToolOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a command-line tool from the repository root and collects what it prints.</summary>
public static class Tool
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    public static async Task<ToolOutput> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolOutput(process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that needs a tool on PATH; reported as skipped, with the reason, where the tool is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsToolFactAttribute : FactAttribute
{
    public NeedsToolFactAttribute(string tool)
    {
        Tool = tool;
        if (!Support.Tool.Exists(tool))
        {
            Skip = $"{tool} is not installed here (./test.sh installs it where it can); this check did not run.";
        }
    }

    public string Tool { get; }
}
