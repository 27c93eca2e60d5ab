using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vidsnap.Testing;

/// <summary>The real vidsnap binary as its own OS process, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private HostProcess(Process process, Uri address, Uri management)
    {
        this.process = process;
        Address = address;
        Management = management;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The management port: readiness and metrics.</summary>
    public Uri Management { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the binary on this public port and, unless the settings name one, a free management port.</summary>
    public static async Task<HostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Every process gets its own, so hosts started side by side never fight over the default.
        var management = settings.TryGetValue("Management:Port", out var chosen) ? chosen : FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(HostDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings.Where(s => s.Key != "Management:Port").Append(new("Management:Port", management)))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), new Uri($"http://127.0.0.1:{management}"));
        using var http = new HttpClient { BaseAddress = host.Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(host.process.HasExited, $"vidsnap exited: {host.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"vidsnap did not start: {host.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Runs the binary with these arguments to its exit (killed past the timeout): its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(HostDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"vidsnap {string.Join(' ', arguments)} was still running after {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public void KillHard()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes sends on scale-in; answers how long the process took to exit.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"vidsnap did not exit within {timeout} of SIGTERM: {Output}");
        }

        return clock.Elapsed;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
    }

    private static string HostDll()
    {
        // Tests run from tests/<project>/bin/<Configuration>/<tfm>/; the host is built beside them in the same configuration.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(Repository.Root, "src", "Vidsnap.Host", "bin", configuration, testOutput.Name, "vidsnap.dll");
        Assert.True(File.Exists(dll), $"Build the host first: {dll} is missing.");
        return dll;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }
}
