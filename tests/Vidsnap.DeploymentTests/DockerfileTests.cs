using System.Text.Json;
using System.Xml.Linq;
using Vidsnap.Platform.Hosting;
using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests;

/// <summary>No Docker daemon runs here, so the image is checked by reading its Dockerfile.</summary>
public sealed class DockerfileTests
{
    private static readonly List<(string Instruction, string Arguments)> Instructions = Parse(File.ReadAllText(Repository.PathOf("Dockerfile")));

    [Fact]
    public void The_runtime_stage_is_aspnet_with_ffmpeg_run_by_a_non_root_user_with_the_data_directory_set()
    {
        var runtime = Instructions.Skip(Instructions.FindLastIndex(i => i.Instruction == "FROM")).ToList();
        // The base image is a build argument (its registry is the builder's choice); the example names the ASP.NET Core runtime.
        Assert.StartsWith("${RUNTIME_IMAGE}", runtime[0].Arguments, StringComparison.Ordinal);
        Assert.Contains(Instructions, i => i.Instruction == "ARG" && i.Arguments == "RUNTIME_IMAGE");
        Assert.Contains("VIDSNAP_RUNTIME_IMAGE=<registry>/dotnet/aspnet:10.0-noble", File.ReadAllText(Repository.PathOf(".env.example")), StringComparison.Ordinal);
        Assert.Contains(runtime, i => i.Instruction == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal) && i.Arguments.Contains("ffmpeg", StringComparison.Ordinal));

        var user = runtime.Last(i => i.Instruction == "USER").Arguments;
        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"USER {user} must be a numeric, non-root user id (Kubernetes' runAsNonRoot checks it)");

        var assembly = XDocument.Load(Repository.PathOf("src/Vidsnap.Host/Vidsnap.Host.csproj")).Descendants("AssemblyName").Single().Value;
        Assert.Equal(["dotnet", $"{assembly}.dll"], JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Instruction == "ENTRYPOINT").Arguments)!);
        Assert.Contains(runtime, i => i.Instruction == "CMD" && i.Arguments.Contains("--role", StringComparison.Ordinal));

        // The one writable directory must be where the application writes.
        var dataKey = $"{VidsnapOptions.Section}__{nameof(VidsnapOptions.DataDirectory)}=/data";
        Assert.Contains(runtime, i => i.Instruction == "ENV" && i.Arguments.Contains(dataKey, StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Instruction == "RUN" && i.Arguments.Contains($"chown {uid}:{uid} /data", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_path_the_build_copies_exists_and_is_not_excluded_by_dockerignore()
    {
        var ignored = File.ReadAllLines(Repository.PathOf(".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('/'))
            .ToList();
        var sources = CopiedFromContext().ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Repository.PathOf(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such path in the repository");
            Assert.DoesNotContain(ignored, i => source.TrimEnd('/') == i || source.StartsWith(i + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_restore_layer_copies_every_source_project()
    {
        var projects = Directory.GetFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(projects, CopiedFromContext().Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>The sources of every COPY from the build context (not --from another stage).</summary>
    private static IEnumerable<string> CopiedFromContext() =>
        Instructions.Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));

    /// <summary>Instructions with their arguments, continuation lines joined and comments dropped.</summary>
    private static List<(string, string)> Parse(string dockerfile)
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            current += line.TrimEnd('\\') + " ";
            if (!line.EndsWith('\\'))
            {
                var text = current.Trim();
                current = "";
                if (text.Length > 0)
                {
                    var space = text.IndexOf(' ', StringComparison.Ordinal);
                    instructions.Add((text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
                }
            }
        }

        return instructions;
    }
}
