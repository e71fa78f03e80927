using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AgentML.Testing;

/// <summary>How a synthetic image task lays out its files.</summary>
public enum ImageLayout
{
    /// <summary>MLE-bench style: train.csv (id,label), train/&lt;id&gt;.png, test/&lt;id&gt;.png, no test.csv; ids without extension.</summary>
    TestFolder,

    /// <summary>train.csv and test.csv with an `image` column holding "images/&lt;id&gt;.png".</summary>
    PathColumn,

    /// <summary>Ids are file names ("&lt;id&gt;.png") in train/ and test/, a 0/1 target submitted as a probability.</summary>
    FileNameIds,
}

/// <summary>
/// Small synthetic image tasks: grey 16x16 PNGs whose class is the orientation of their stripes (horizontal,
/// vertical, diagonal) under noise, in the layouts image competitions use, with private/answers.csv.
/// </summary>
public static class ImageTasks
{
    public const int Side = 16;

    public static readonly string[] Classes = ["horizontal", "vertical", "diagonal"];

    public static string Write(string root, ImageLayout layout, int trainCount = 90, int testCount = 30, int seed = 0)
    {
        var binary = layout == ImageLayout.FileNameIds;
        var classes = binary ? 2 : Classes.Length;
        var random = new Random(seed);
        var publicDir = Path.Combine(root, "public");
        var privateDir = Path.Combine(root, "private");
        Directory.CreateDirectory(privateDir);
        var train = new StringBuilder(layout == ImageLayout.PathColumn ? "id,image,label\n" : binary ? "id,has_stripes\n" : "id,label\n");
        var test = new StringBuilder("id,image\n");
        var sample = new StringBuilder(binary ? "id,has_stripes\n" : "id,label\n");
        var answers = new StringBuilder(binary ? "id,has_stripes\n" : "id,label\n");
        for (var i = 0; i < trainCount + testCount; i++)
        {
            var isTrain = i < trainCount;
            var k = i % classes;
            var stem = $"{(isTrain ? "tr" : "te")}{i:D4}{(char)('a' + random.Next(26))}";
            var (folder, id) = layout switch
            {
                ImageLayout.PathColumn => ("images", stem),
                ImageLayout.FileNameIds => (isTrain ? "train" : "test", stem + ".png"),
                _ => (isTrain ? "train" : "test", stem),
            };
            Png.WriteGrey(Path.Combine(publicDir, folder, stem + ".png"), Side, Side, Stripes(k, binary, random));
            var label = binary ? k.ToString(CultureInfo.InvariantCulture) : Classes[k];
            if (isTrain)
            {
                train.Append(layout == ImageLayout.PathColumn ? $"{id},images/{stem}.png,{label}\n" : $"{id},{label}\n");
            }
            else
            {
                test.Append(CultureInfo.InvariantCulture, $"{id},images/{stem}.png\n");
                sample.Append(CultureInfo.InvariantCulture, $"{id},{(binary ? "0.5" : Classes[0])}\n");
                answers.Append(CultureInfo.InvariantCulture, $"{id},{label}\n");
            }
        }

        File.WriteAllText(Path.Combine(publicDir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(publicDir, "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(privateDir, "answers.csv"), answers.ToString());
        if (layout == ImageLayout.PathColumn)
        {
            File.WriteAllText(Path.Combine(publicDir, "test.csv"), test.ToString());
        }

        File.WriteAllText(Path.Combine(root, "description.md"), binary
            ? "# Stripes\n\nPredict the probability that an image shows stripes. Submissions are scored by the area under the ROC curve.\n"
            : "# Stripe orientation\n\nPredict the orientation of the stripes of each image. Submissions are scored by accuracy.\n");
        return root;
    }

    /// <summary>Stripes of class <paramref name="k"/> (binary: 0 = noise only, 1 = horizontal stripes), with noise.</summary>
    private static byte[] Stripes(int k, bool binary, Random random)
    {
        var pixels = new byte[Side * Side];
        var phase = random.Next(4);
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var on = binary
                    ? k == 1 && (y + phase) % 4 < 2
                    : k switch
                    {
                        0 => (y + phase) % 4 < 2,
                        1 => (x + phase) % 4 < 2,
                        _ => (x + y + phase) % 4 < 2,
                    };
                var value = (on ? 170 : 70) + random.Next(-60, 61);
                pixels[(y * Side) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return pixels;
    }
}

/// <summary>A minimal PNG encoder for grey images (8-bit, no filter), enough to make test images without a library.</summary>
public static class Png
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static void WriteGrey(string path, int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), compression, filter and interlace 0
        Chunk(file, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels, y * width, width);
            }
        }

        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var crcBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc ^ 0xFFFFFFFFu);
        stream.Write(crcBytes);
    }
}
