namespace Vidsnap.Contracts;

/// <summary>
/// manifest.json, in the zip and stored beside it: what the worker extracted and from what. The worker writes it and
/// the API reads it back for the frames route, so its shape is defined once, here.
/// </summary>
public sealed record FrameManifest(ManifestSource Source, ExtractionOptions Options, string Strategy, IReadOnlyList<ManifestFrame> Frames);

/// <summary>One frame: its name in the zip (and under frames/ in the store), its time in seconds, size and bytes.</summary>
public sealed record ManifestFrame(string File, double Timestamp, int Width, int Height, long Bytes);

/// <summary>The source's facts as probed: duration in seconds, codec, displayed size, frame rate and rotation.</summary>
public sealed record ManifestSource(double Duration, string Codec, int Width, int Height, double FrameRate, int Rotation);
