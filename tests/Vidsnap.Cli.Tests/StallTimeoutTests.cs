using System.Net;
using Microsoft.Extensions.Time.Testing;
using Vidsnap.Client;
using Vidsnap.Client.Models;

namespace Vidsnap.Cli.Tests;

/// <summary>Uploads end when no byte moves for the stall timeout, not when they take long.</summary>
public sealed class StallTimeoutTests : IDisposable
{
    private readonly string file = Path.GetTempFileName();

    public StallTimeoutTests() => File.WriteAllBytes(file, new byte[30 * 64 * 1024]);

    public void Dispose() => File.Delete(file);

    private static VidsnapClient ClientOf(HttpMessageHandler handler, TimeProvider? time = null) => new(new VidsnapClientOptions
    {
        BaseAddress = new Uri("http://api.test/"),
        Handler = handler,
        Time = time ?? TimeProvider.System,
        StallTimeout = TimeSpan.FromSeconds(1),
        UploadAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    });

    private static UploadSlot Slot => new("PUT", "http://store.test/source", null, DateTimeOffset.UtcNow.AddMinutes(5));

    [Fact]
    public async Task A_slow_upload_that_keeps_moving_finishes_though_it_takes_longer_than_the_stall_timeout()
    {
        // On a fake clock each of the 30 chunks takes 0.9 s of a 1 s stall timeout: 27 s in all. A real clock
        // made this a race: a loaded CI machine once ran a 60 ms pause past the whole second and saw a stall.
        var time = new FakeTimeProvider();
        using var handler = new Handler(readDelay: TimeSpan.Zero, answerAfterBody: true, eachWrite: () => time.Advance(TimeSpan.FromSeconds(0.9)));
        using var client = ClientOf(handler, time);
        var start = time.GetUtcNow();

        await client.UploadFileAsync(Slot, file);

        Assert.True(time.GetUtcNow() - start > TimeSpan.FromSeconds(20), $"took {time.GetUtcNow() - start}");
        Assert.Equal(1, handler.Requests);
        Assert.Equal(new FileInfo(file).Length, handler.BytesRead);
    }

    [Fact]
    public async Task An_upload_whose_bytes_stop_fails_on_the_stall_timeout_of_its_clock()
    {
        // The same upload with one pause of 1.5 s on the fake clock: the guard sees no byte for longer than 1 s.
        var time = new FakeTimeProvider();
        var writes = 0;
        using var handler = new Handler(readDelay: TimeSpan.Zero, answerAfterBody: true, eachWrite: () =>
        {
            if (Interlocked.Increment(ref writes) == 5)
            {
                time.Advance(TimeSpan.FromSeconds(1.5));
            }
        });
        using var client = ClientOf(handler, time);

        await client.UploadFileAsync(Slot, file);

        Assert.Equal(2, handler.Requests);
        Assert.Equal(new FileInfo(file).Length, handler.BytesRead);
    }

    [Fact]
    public async Task An_upload_nothing_answers_fails_after_its_tries_with_a_timeout()
    {
        using var handler = new Handler(readDelay: TimeSpan.Zero, answerAfterBody: false);
        using var client = ClientOf(handler);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.UploadFileAsync(Slot, file));

        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests);
    }

    /// <summary>Reads each request's body a chunk at a time with a pause between, then answers, or never does.</summary>
    private sealed class Handler(TimeSpan readDelay, bool answerAfterBody, Action? eachWrite = null) : HttpMessageHandler
    {
        private int requests;
        private long bytesRead;

        public int Requests => requests;

        public long BytesRead => Interlocked.Read(ref bytesRead);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            Interlocked.Exchange(ref bytesRead, 0);
            // Written into as a socket is: each write waits for the reader, as a slow link makes it.
            await using var slow = new SlowStream(readDelay, n =>
            {
                Interlocked.Add(ref bytesRead, n);
                eachWrite?.Invoke();
            });
            await request.Content!.CopyToAsync(slow, cancellationToken);

            if (!answerAfterBody)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private sealed class SlowStream(TimeSpan delay, Action<int> wrote) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            wrote(buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
