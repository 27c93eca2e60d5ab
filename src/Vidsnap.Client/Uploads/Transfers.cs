using System.Net;
using Vidsnap.Client.Models;

namespace Vidsnap.Client.Uploads;

/// <summary>Bytes to and from pre-signed URLs: no credentials, no total timeout, a stall timeout instead, and retries for uploads.</summary>
internal static class Transfers
{
    /// <summary>Sends one byte range to its URL, retried with backoff; answers the ETag the store gave it (empty when it gave none).</summary>
    public static async Task<string> PutAsync(
        VidsnapClient client, string method, string url, IReadOnlyDictionary<string, string>? headers, string path, long offset, long length,
        Action<long> sent, CancellationToken cancellationToken)
    {
        var options = client.Options;
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            long sentThisTry = 0;
            try
            {
                return await PutOnceAsync(client, method, url, headers, path, offset, length, n => { sentThisTry += n; sent(n); }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < options.UploadAttempts && !cancellationToken.IsCancellationRequested && IsTransient(ex))
            {
                // The bar shows bytes stored, so a failed try takes its bytes back.
                sent(-sentThisTry);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private static async Task<string> PutOnceAsync(
        VidsnapClient client, string method, string url, IReadOnlyDictionary<string, string>? headers, string path, long offset, long length,
        Action<long> sent, CancellationToken cancellationToken)
    {
        using var guard = new StallGuard(client.Options.StallTimeout, client.Options.Time, cancellationToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), client.Resolve(url))
        {
            Content = new FileRangeContent(path, offset, length, sent, guard),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            // Content-Type belongs to the content, If-None-Match to the request: the slot lists both alike.
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await client.Transfer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw VidsnapProblemException.From(response.StatusCode, await response.Content.ReadAsStringAsync(guard.Token).ConfigureAwait(false));
            }

            return response.Headers.ETag?.ToString()
                ?? (response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() ?? string.Empty : string.Empty);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stalled(guard);
        }
    }

    /// <summary>
    /// Sends the parts not yet stored, several at once; answers every part's ETag, those already stored included,
    /// in part order. Each stored part is reported as sent, so progress starts where the last run stopped.
    /// </summary>
    public static async Task<IReadOnlyList<CompletedPart>> PutPartsAsync(
        VidsnapClient client, IReadOnlyList<UploadPart> parts, string path, Action<long> sent, CancellationToken cancellationToken)
    {
        var done = new List<CompletedPart>();
        foreach (var stored in parts.Where(p => !string.IsNullOrEmpty(p.ETag)))
        {
            done.Add(new CompletedPart(stored.PartNumber, stored.ETag!));
            sent(stored.SizeBytes);
        }

        var missing = parts.Where(p => string.IsNullOrEmpty(p.ETag)).ToList();
        // The first part that fails for good stops the others: the upload resumes from what was stored.
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, client.Options.PartConcurrency), CancellationToken = cancellationToken },
            async (part, ct) =>
            {
                var eTag = await PutAsync(client, "PUT", part.Url, null, path, part.Offset, part.SizeBytes, sent, ct).ConfigureAwait(false);
                lock (done)
                {
                    done.Add(new CompletedPart(part.PartNumber, eTag));
                }
            }).ConfigureAwait(false);
        return [.. done.OrderBy(p => p.PartNumber)];
    }

    public static async Task DownloadAsync(VidsnapClient client, Uri url, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var guard = new StallGuard(client.Options.StallTimeout, client.Options.Time, cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.part");
        try
        {
            using var response = await client.Transfer.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, guard.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw VidsnapProblemException.From(response.StatusCode, await response.Content.ReadAsStringAsync(guard.Token).ConfigureAwait(false));
            }

            var source = await response.Content.ReadAsStreamAsync(guard.Token).ConfigureAwait(false);
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (source.ConfigureAwait(false))
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, guard.Token).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), guard.Token).ConfigureAwait(false);
                    guard.Touch();
                    total += read;
                    progress?.Report(total);
                }
            }

            File.Move(temp, destinationPath, overwrite: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stalled(guard);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Worth another try: the network, a stall, or a server error; not a refusal (4xx), which would only repeat.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        VidsnapProblemException problem => problem.Status >= 500 || problem.Status is 408 or 429,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    private static TimeoutException Stalled(StallGuard guard) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The transfer stalled: no byte moved for {guard.Timeout.TotalSeconds:0.#} s."));
}
