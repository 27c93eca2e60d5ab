using System.Buffers.Binary;

namespace Vidsnap.VideoWorker;

/// <summary>Reads an image's width and height from its header (JPEG, PNG, WebP), without decoding it.</summary>
public static class ImageSize
{
    public static (int Width, int Height) Read(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[Math.Min(stream.Length, 64 * 1024)];
        stream.ReadExactly(header);
        return Read(header);
    }

    public static (int Width, int Height) Read(ReadOnlySpan<byte> data)
    {
        if (data.Length > 24 && data[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }

        if (data.Length > 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(data);
        }

        if (data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return Jpeg(data);
        }

        throw new InvalidDataException("Not a JPEG, PNG or WebP image.");
    }

    private static (int, int) Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = data[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }

            i += 2 + length;
        }

        throw new InvalidDataException("JPEG without a frame header.");
    }

    private static (int, int) WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (data[24] | (data[25] << 8) | (data[26] << 16)), 1 + (data[27] | (data[28] << 8) | (data[29] << 16)));
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
    }
}
