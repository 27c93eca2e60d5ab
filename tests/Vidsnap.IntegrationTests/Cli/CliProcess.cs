using System.Diagnostics;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Cli;

/// <summary>What a run of the CLI printed and answered.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The real built tool (`dotnet vidsnap-cli.dll`, from the same configuration's build as these tests) run as a
/// user runs it, with its own config folder, against a server; stdout is a pipe, so it prints plain lines.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private CliProcess(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public static string DllPath { get; } = FindDll();

    public int Id => process.Id;

    public static CliProcess Start(string configHome, Uri server, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(File.Exists(DllPath), $"The CLI is not built at {DllPath}; build the solution first.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_CONFIG_HOME"] = configHome;
        start.Environment["VIDSNAP_URL"] = server.ToString();
        start.Environment.Remove("VIDSNAP_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new CliProcess(process);
    }

    public static async Task<CliResult> RunAsync(string configHome, Uri server, params string[] arguments) =>
        await RunAsync(configHome, server, null, arguments);

    public static async Task<CliResult> RunAsync(string configHome, Uri server, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var cli = Start(configHome, server, environment, arguments);
        return await cli.WaitAsync(TimeSpan.FromMinutes(3));
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The CLI did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Ends it at once, as a closed laptop or a kill -9 would: no cleanup of its own.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>The tool's dll in the build of the configuration these tests were built in (./test.sh builds Release).</summary>
    private static string FindDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Repository.Root, "src", "Vidsnap.Cli", "bin", configuration, "net10.0", "vidsnap-cli.dll");
    }
}
