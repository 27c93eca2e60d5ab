using System.Diagnostics;
using System.Text.Json;
using Vidsnap.Api;
using Vidsnap.VideoWorker;

namespace Vidsnap.Host;

/// <summary>
/// `vidsnap extract INPUT OUTPUT.zip [--options JSON]`: the video worker's pipeline on a local file, with no
/// queue, database or storage. Options are validated exactly as the api validates them.
/// </summary>
public static class ExtractCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: vidsnap extract INPUT OUTPUT.zip [--options '{\"mode\":\"interval\",\"intervalSeconds\":1}']");
            return 2;
        }

        var optionsIndex = Array.IndexOf(args, "--options");
        var json = optionsIndex >= 0 && optionsIndex + 1 < args.Length ? args[optionsIndex + 1] : null;
        using var document = json is null ? null : JsonDocument.Parse(json);
        var (valid, errors) = VideoRequestValidator.Validate(
            new CreateVideoRequest(Path.GetFileName(args[0]), "video/mp4", 1, document?.RootElement), new ApiOptions());
        if (valid is null)
        {
            await Console.Error.WriteLineAsync(string.Join('\n', errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
            return 2;
        }

        // The worker's settings, from VideoWorker__* environment variables as in a deployment, checked as the worker checks them.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables();
        builder.AddVideoExtraction();
        using var host = builder.Build();
        var extraction = host.Services.GetRequiredService<VideoExtraction>();
        var work = Directory.CreateTempSubdirectory("vidsnap-extract-").FullName;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await extraction.RunAsync(Path.GetFullPath(args[0]), valid.Options, work, _ => { }, CancellationToken.None);
            File.Move(result.ZipPath, Path.GetFullPath(args[1]), overwrite: true);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                frames = result.FrameCount,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                strategy = result.Plan.Strategy.ToString(),
            }));
            return 0;
        }
        catch (VideoRejectedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
