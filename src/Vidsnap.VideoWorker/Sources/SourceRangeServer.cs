using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Vidsnap.Platform.Storage;

namespace Vidsnap.VideoWorker.Sources;

/// <summary>
/// The worker's own ranged reader of stored sources, for ffmpeg: a server on the loopback address only, where each
/// stored object a job reads gets an unguessable URL for as long as the job holds its lease. Every read ffmpeg makes
/// (its probe of the index, its seek to a segment, a keyframe scan of a window) becomes one ranged read of the store,
/// so a worker handling one segment of a long video reads that segment's bytes and the index, not the whole file.
/// ffmpeg is given only these URLs, never one from a user, and reads only http over tcp for them.
/// </summary>
public sealed class SourceRangeServer(IObjectStore store, ILogger<SourceRangeServer> logger) : IAsyncDisposable
{
    public const string PathPrefix = "/sources/";

    /// <summary>Both ends' socket buffers, and Kestrel's response buffer: small, so an abandoned read wastes little.</summary>
    public const int SocketBufferBytes = 64 * 1024;

    /// <summary>
    /// ffmpeg reads through a forward jump up to its socket's receive window rather than seek, and on loopback that
    /// window grows to tens of megabytes: a segment's seek past the first half of a file read all of it. Jumps
    /// longer than this are seeks (a new ranged read).
    /// </summary>
    public const int ShortSeekBytes = 256 * 1024;

    /// <summary>How much of a source an extraction's input reads to open its streams (ffmpeg's -probesize).</summary>
    public const int DecodeProbeBytes = 256 * 1024;

    private readonly ConcurrentDictionary<string, SourceLease> leases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim starting = new(1, 1);
    private long bytesServed;
    private WebApplication? app;
    private Uri? baseAddress;

    /// <summary>Whether ffmpeg's input is one of these URLs (it then may read http over tcp, and nothing else).</summary>
    public static bool IsSourceUrl(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
        && uri.AbsolutePath.StartsWith(PathPrefix, StringComparison.Ordinal);

    /// <summary>Bytes sent to ffmpeg over every lease so far.</summary>
    public long BytesServed => Interlocked.Read(ref bytesServed);

    /// <summary>A URL reading the stored object of this size until the lease is disposed.</summary>
    public async Task<SourceLease> LeaseAsync(string key, long size, CancellationToken cancellationToken)
    {
        var root = await StartAsync(cancellationToken);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var lease = new SourceLease(new Uri(root, PathPrefix + token).ToString(), key, size, () => leases.TryRemove(token, out _));
        leases[token] = lease;
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        starting.Dispose();
    }

    private async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        if (baseAddress is { } known)
        {
            return known;
        }

        await starting.WaitAsync(cancellationToken);
        try
        {
            if (baseAddress is null)
            {
                // Empty: no configuration files or environment settings (a host's Urls or Kestrel section) reach it.
                var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
                builder.Services.AddRoutingCore();
                builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
                {
                    kestrel.Limits.MaxResponseBufferSize = SocketBufferBytes;
                    // ffmpeg seeks by closing a connection and opening another at the new offset: what sits in the
                    // buffers then was read from the store for nothing. A loopback socket's send buffer grows to
                    // megabytes unless fixed, so each connection's is fixed small (against a stand-in server,
                    // about 4 MB was left in flight per seek with the default, 0.2 MB with this).
                    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
                    {
                        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
                        {
                            socket.SendBufferSize = SocketBufferBytes;
                        }

                        return next(connection);
                    }));
                });
                var server = builder.Build();
                server.MapMethods(PathPrefix + "{token}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
                await server.StartAsync(cancellationToken);
                var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                app = server;
                baseAddress = new Uri(address);
                logger.LogInformation("Sources are read by ffmpeg through {Address}", address);
            }

            return baseAddress;
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, string token)
    {
        var response = context.Response;
        if (!leases.TryGetValue(token, out var lease))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var (from, length, partial) = (0L, lease.Size, false);
        if (context.Request.Headers.Range is { Count: > 0 } header)
        {
            if (!RangeHeaderValue.TryParse(header.ToString(), out var range) || range.Ranges.Count != 1 || !ByteRange.TryResolve(range.Ranges.First(), lease.Size, out from, out length))
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = Invariant($"bytes */{lease.Size}");
                return;
            }

            partial = true;
        }

        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "application/octet-stream";
        response.ContentLength = length;
        if (partial)
        {
            response.Headers.ContentRange = Invariant($"bytes {from}-{from + length - 1}/{lease.Size}");
        }

        if (HttpMethods.IsHead(context.Request.Method) || length == 0)
        {
            return;
        }

        try
        {
            await using var source = await store.OpenReadRangeAsync(lease.Key, from, length, context.RequestAborted);
            var buffer = new byte[81920];
            int read;
            // A write after ffmpeg has closed the connection (to seek elsewhere) completes without error and
            // without a cancelled request; only the writer's result says the reader is gone.
            while ((read = await source.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                var written = await response.BodyWriter.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                if (written.IsCompleted || written.IsCanceled)
                {
                    break;
                }

                lease.Served(read);
                Interlocked.Add(ref bytesServed, read);
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // ffmpeg closes a connection to seek elsewhere: the rest of that range is not wanted.
        }
    }
}

/// <summary>A URL for ffmpeg to read one stored source through; disposing it makes the URL answer 404.</summary>
public sealed class SourceLease(string url, string key, long size, Action release) : IDisposable
{
    private long bytesRead;

    public string Url { get; } = url;

    public string Key { get; } = key;

    public long Size { get; } = size;

    /// <summary>Bytes of the source sent to ffmpeg so far: what reading in place cost the store.</summary>
    public long BytesRead => Interlocked.Read(ref bytesRead);

    public void Dispose() => release();

    internal void Served(int bytes)
    {
        Interlocked.Add(ref bytesRead, bytes);
        VideoWorkerMetrics.SourceRead(bytes);
    }
}

/// <summary>One byte range of a Range header resolved against the object's size.</summary>
public static class ByteRange
{
    /// <summary>False when the range starts past the end (416); a suffix range (bytes=-N) is the last N bytes.</summary>
    public static bool TryResolve(RangeItemHeaderValue range, long size, out long from, out long length)
    {
        ArgumentNullException.ThrowIfNull(range);
        (from, length) = (0, 0);
        if (range.From is { } start)
        {
            if (start >= size)
            {
                return false;
            }

            var last = Math.Min(range.To ?? (size - 1), size - 1);
            if (last < start)
            {
                return false;
            }

            (from, length) = (start, last - start + 1);
            return true;
        }

        if (range.To is { } suffix && suffix > 0 && size > 0)
        {
            length = Math.Min(suffix, size);
            from = size - length;
            return true;
        }

        return false;
    }
}
