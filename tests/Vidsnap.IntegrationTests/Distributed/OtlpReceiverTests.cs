using System.Net.Sockets;
using System.Text;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>The trace test's receiver must outlive an export that an exporter gave up on halfway.</summary>
public sealed class OtlpReceiverTests
{
    [Fact]
    public async Task An_export_cut_short_does_not_stop_the_receiver_taking_the_next()
    {
        using var receiver = new OtlpReceiver();
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(receiver.Endpoint.Host, receiver.Endpoint.Port);
            // Promises 1,000 bytes of ExportTraceServiceRequest, sends a field that claims 200 and stops.
            var head = Encoding.ASCII.GetBytes(
                $"POST /v1/traces HTTP/1.1\r\nHost: {receiver.Endpoint.Authority}\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n");
            await client.GetStream().WriteAsync(head.Concat(new byte[] { 0x0a, 0xc8, 0x01, 0x0a }).ToArray());
        }

        using var http = new HttpClient { BaseAddress = receiver.Endpoint, Timeout = TimeSpan.FromSeconds(10) };
        using var next = await http.PostAsync("/v1/traces", new ByteArrayContent([]));
        Assert.True(next.IsSuccessStatusCode, $"the next export was answered {(int)next.StatusCode}");
    }
}
