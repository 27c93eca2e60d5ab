namespace Vidsnap.VideoWorker;

/// <summary>
/// The one way the worker starts ffmpeg and ffprobe. A seam, so tests can read every argument list the
/// pipeline builds and check each for the safety flags.
/// </summary>
public interface IToolRunner
{
    Task<ToolResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, Action<string>? onOutputLine, TimeSpan stallTimeout, CancellationToken cancellationToken,
        Action<string>? onErrorLine = null);
}

/// <summary>Runs the tool as a real process through <see cref="ToolProcess"/>: the runner the worker registers.</summary>
public sealed class ProcessToolRunner : IToolRunner
{
    public Task<ToolResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, Action<string>? onOutputLine, TimeSpan stallTimeout, CancellationToken cancellationToken,
        Action<string>? onErrorLine = null) =>
        ToolProcess.RunAsync(fileName, arguments, onOutputLine, stallTimeout, cancellationToken, onErrorLine);
}
