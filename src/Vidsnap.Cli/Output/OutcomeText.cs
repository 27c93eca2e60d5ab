using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vidsnap.Cli.Uploads;

namespace Vidsnap.Cli.Output;

/// <summary>A file's outcome as each output style writes it.</summary>
internal static class OutcomeText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Describe(FileOutcome outcome) => outcome switch
    {
        { ExitCode: 0, Zip: { } zip } => string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}, {outcome.FrameCount} frames, zip {zip}"),
        { ExitCode: 0, FrameCount: { } frames } => string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}, {frames} frames"),
        { ExitCode: 0 } => $"{outcome.Status}",
        _ => $"{(outcome.Status is { } status ? status.ToString() : "error")}: {outcome.Error}",
    };

    /// <summary>The one JSON object per video that --json prints: stable keys, nulls included, for scripts.</summary>
    public static string ToJson(FileOutcome outcome) => JsonSerializer.Serialize(
        new { id = outcome.Id, file = outcome.File, status = outcome.Status?.ToString(), frameCount = outcome.FrameCount, error = outcome.Error, zip = outcome.Zip }, Json);

    public static void WritePlainSummary(TextWriter output, IReadOnlyList<FileOutcome> outcomes)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcomes.Count(o => o.ExitCode == 0)} of {outcomes.Count} video(s) ok"));
        foreach (var outcome in outcomes)
        {
            output.WriteLine($"{outcome.File}\t{outcome.Id?.ToString() ?? "-"}\t{Describe(outcome)}");
        }
    }

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<FileOutcome> outcomes)
    {
        var table = new Table().AddColumns("File", "Video", "Status", "Frames", "Zip or reason");
        foreach (var o in outcomes)
        {
            var status = o.Status?.ToString() ?? "error";
            table.AddRow(
                Markup.Escape(Path.GetFileName(o.File)),
                Markup.Escape(o.Id?.ToString() ?? "-"),
                o.ExitCode == 0 ? $"[green]{status}[/]" : $"[red]{status}[/]",
                o.FrameCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(o.ExitCode == 0 ? o.Zip ?? string.Empty : o.Error ?? string.Empty));
        }

        console.Write(table);
    }
}
