using System.Net;
using System.Net.Sockets;
using Vidsnap.Cli;
using Vidsnap.Client;

namespace Vidsnap.Cli.Tests;

public sealed class ExitCodeTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new UsageException("bad"), 2 },
        { new VidsnapNotSignedInException(), 3 },
        { new VidsnapProblemException(401, "Unauthorized", null, null), 3 },
        { new VidsnapProblemException(403, "Forbidden", null, null), 3 },
        { new VidsnapProblemException(400, "Bad", null, new Dictionary<string, string[]> { ["options.count"] = ["x"] }), 2 },
        { new VidsnapProblemException(400, "Bad", null, new Dictionary<string, string[]> { ["sizeBytes"] = ["x"] }), 1 },
        { new VidsnapProblemException(409, "Upload incomplete", null, null), 1 },
        { new VidsnapProblemException(500, "Oops", null, null), 1 },
        { new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), 4 },
        { new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), 1 },
        { new TimeoutException(), 4 },
        { new IOException("disk"), 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_maps_to_its_documented_code(Exception exception, int code) => Assert.Equal(code, ExitCodes.For(exception));

    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 0, 0 }, 0)]
    [InlineData(new[] { 0, 1, 0 }, 1)]
    [InlineData(new[] { 1, 3, 0 }, 3)]
    [InlineData(new[] { 3, 4, 1 }, 4)]
    [InlineData(new[] { 2, 1 }, 2)]
    public void A_run_answers_its_worst_outcome(int[] codes, int expected) => Assert.Equal(expected, ExitCodes.Worst(codes));

    [Fact]
    public void The_help_text_documents_every_code()
    {
        foreach (var code in new[] { "0 ", "1 ", "2 ", "3 ", "4 " })
        {
            Assert.Contains(code, ExitCodes.Help, StringComparison.Ordinal);
        }
    }
}
