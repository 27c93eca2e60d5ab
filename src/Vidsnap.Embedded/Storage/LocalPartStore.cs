using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Embedded.Storage;

/// <summary>
/// The parts of a multipart upload, as files in a folder beside the object's path ("source.parts/"), each named
/// by its number and the MD5 of its bytes, which is its ETag as S3 would give it. A part sent again replaces the
/// one before, so a resumed upload sends only what is missing; the folder goes once the object is assembled.
/// </summary>
internal static partial class LocalPartStore
{
    public const string FolderSuffix = ".parts";
    private const string PartialSuffix = ".partial";

    public sealed record StoredPart(int PartNumber, string ETag, long SizeBytes, string Path);

    public static string FolderOf(string objectPath) => objectPath + FolderSuffix;

    /// <summary>Writes exactly <paramref name="length"/> bytes as the part, or nothing (null) when the body has another length.</summary>
    public static async Task<string?> WriteAsync(string objectPath, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        var folder = OwnerOnly.Directory(FolderOf(objectPath));
        var temp = Path.Combine(folder, $"{partNumber:D5}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            string etag;
            using (var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
            await using (var file = new FileStream(temp, OwnerOnly.NewFile()))
            {
                if (!await BoundedFileWrite.CopyAsync(content, file, length, exactly: true, md5, cancellationToken))
                {
                    return null;
                }

                etag = Convert.ToHexStringLower(md5.GetHashAndReset());
            }

            foreach (var earlier in List(objectPath).Where(p => p.PartNumber == partNumber))
            {
                File.Delete(earlier.Path);
            }

            File.Move(temp, Path.Combine(folder, $"{partNumber:D5}-{etag}.part"), overwrite: true);
            return Quoted(etag);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The parts stored so far, by number.</summary>
    public static List<StoredPart> List(string objectPath)
    {
        var folder = FolderOf(objectPath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder)
            .Select(path => (Path: path, Match: PartName().Match(Path.GetFileName(path))))
            .Where(p => p.Match.Success)
            .Select(p => new StoredPart(int.Parse(p.Match.Groups[1].Value, CultureInfo.InvariantCulture), Quoted(p.Match.Groups[2].Value), new FileInfo(p.Path).Length, p.Path))
            .OrderBy(p => p.PartNumber)];
    }

    /// <summary>
    /// Joins the parts 1..N that a file of <paramref name="expectedBytes"/> in parts of <paramref name="partSize"/>
    /// needs into <paramref name="destination"/>; false, writing nothing, while one is missing, of the wrong size,
    /// or not the one the client reports.
    /// </summary>
    public static async Task<bool> AssembleAsync(string objectPath, long partSize, long expectedBytes, IReadOnlyList<CompletedPart>? reported, string destination, CancellationToken cancellationToken)
    {
        var stored = List(objectPath).ToDictionary(p => p.PartNumber);
        var count = (int)((expectedBytes + partSize - 1) / partSize);
        for (var number = 1; number <= count; number++)
        {
            var length = Math.Min(partSize, expectedBytes - ((number - 1) * partSize));
            if (!stored.TryGetValue(number, out var part) || part.SizeBytes != length)
            {
                return false;
            }
        }

        if (reported is { Count: > 0 } && (reported.Count != count
            || reported.Any(r => !stored.TryGetValue(r.PartNumber, out var part) || Unquoted(part.ETag) != Unquoted(r.ETag))))
        {
            return false;
        }

        await using (var output = new FileStream(destination, OwnerOnly.NewFile()))
        {
            for (var number = 1; number <= count; number++)
            {
                await using var input = File.OpenRead(stored[number].Path);
                await input.CopyToAsync(output, cancellationToken);
            }

            await output.FlushAsync(cancellationToken);
            output.Flush(flushToDisk: true);
        }

        return true;
    }

    public static void Discard(string objectPath)
    {
        var folder = FolderOf(objectPath);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Quoted(string hex) => $"\"{hex}\"";

    private static string Unquoted(string etag) => etag.Trim().Trim('"');

    [GeneratedRegex("^([0-9]{5})-([0-9a-f]{32})\\.part$")]
    private static partial Regex PartName();
}
