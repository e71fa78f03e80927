using System.Buffers.Binary;

namespace AgentML.Core.Tasks;

/// <summary>Width, height and colour of an image read from its header (PNG, JPEG, GIF, BMP); null for other formats.</summary>
public static class ImageHeader
{
    private const int MaxHeaderBytes = 256 * 1024;

    /// <summary>(width, height, grey) of the image at <paramref name="path"/>, or null when the header is not understood.</summary>
    public static (int Width, int Height, bool Grey)? Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[(int)Math.Min(MaxHeaderBytes, stream.Length)];
            stream.ReadExactly(buffer);
            return Parse(buffer);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses the first bytes of an image file.</summary>
    public static (int Width, int Height, bool Grey)? Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 26 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            var colourType = data[25];
            return (BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]), colourType is 0 or 4);
        }

        if (data.Length >= 10 && data[0] == (byte)'G' && data[1] == (byte)'I' && data[2] == (byte)'F')
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]), false);
        }

        if (data.Length >= 30 && data[0] == (byte)'B' && data[1] == (byte)'M')
        {
            var bits = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            return (BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..])), bits <= 8);
        }

        return data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8 ? Jpeg(data) : null;
    }

    private static (int, int, bool)? Jpeg(ReadOnlySpan<byte> data)
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
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7) or 0xFF)
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]);
                return (width, height, data[i + 9] == 1);
            }

            i += 2 + length;
        }

        return null;
    }
}
