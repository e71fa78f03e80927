using System.Text;

namespace AgentML.Forge.Input;

/// <summary>
/// How a raw text table is laid out: its encoding (UTF-8 with or without a byte-order mark, UTF-16 by its mark, else
/// Latin-1 when the bytes are not valid UTF-8) and its field separator (comma, semicolon, tab or pipe: the one that
/// splits the first lines into the same number of fields, more than one).
/// </summary>
public sealed record TextLayout(Encoding Encoding, char Separator)
{
    private const int SampleBytes = 1 << 16;
    private const int SampleLines = 30;
    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>Short words for the report, e.g. "UTF-8, separator ';'".</summary>
    public string Describe() => $"{(Encoding.WebName == "iso-8859-1" ? "Latin-1 (not valid UTF-8)" : Encoding.WebName.ToUpperInvariant())}, separator {SeparatorName(Separator)}";

    public static string SeparatorName(char separator) => separator switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        '|' => "pipe",
        _ => $"'{separator}'",
    };

    /// <summary>Detects the layout from a stream (read to its end to check the encoding); <paramref name="preferred"/> wins ties.</summary>
    public static TextLayout Detect(Func<Stream> open, char preferred)
    {
        ArgumentNullException.ThrowIfNull(open);
        var encoding = DetectEncoding(open);
        string sample;
        using (var reader = new StreamReader(open(), encoding, detectEncodingFromByteOrderMarks: true))
        {
            var buffer = new char[SampleBytes];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            sample = new string(buffer, 0, read);
        }

        return new TextLayout(encoding, SniffSeparator(sample, preferred));
    }

    private static Encoding DetectEncoding(Func<Stream> open)
    {
        using var stream = open();
        var head = new byte[4];
        var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
        }

        // Strict UTF-8 over the whole file: one invalid byte sequence means a legacy single-byte encoding.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        try
        {
            strict.Convert(head, 0, n, chars, 0, chars.Length, false, out _, out _, out _);
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                strict.Convert(bytes, 0, read, chars, 0, chars.Length, false, out _, out _, out _);
            }

            strict.Convert(bytes, 0, 0, chars, 0, chars.Length, true, out _, out _, out _);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }

    /// <summary>The separator that splits the sample's lines (outside quotes) into the same number of fields, most fields first.</summary>
    public static char SniffSeparator(string sample, char preferred)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var lines = Records(sample).Take(SampleLines).ToArray();
        if (lines.Length > 1 && sample.Length >= SampleBytes)
        {
            lines = lines[..^1]; // the last record may be cut by the sample
        }

        var best = preferred;
        var bestScore = 0.0;
        foreach (var separator in Separators.OrderBy(s => s == preferred ? 0 : 1))
        {
            var counts = lines.Select(l => Fields(l, separator)).ToArray();
            if (counts.Length == 0 || counts[0] < 2)
            {
                continue;
            }

            // Share of lines with the header's field count, times the field count: consistent and wide wins.
            var consistent = (double)counts.Count(c => c == counts[0]) / counts.Length;
            var score = consistent >= 0.9 ? consistent * counts[0] : 0;
            if (score > bestScore)
            {
                (best, bestScore) = (separator, score);
            }
        }

        return best;
    }

    /// <summary>Records of CSV text: newlines inside quotes do not end a record.</summary>
    private static IEnumerable<string> Records(string text)
    {
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == '\n' && !quoted)
            {
                var line = text[start..i].TrimEnd('\r');
                start = i + 1;
                if (line.Length > 0)
                {
                    yield return line;
                }
            }
        }

        if (start < text.Length)
        {
            yield return text[start..].TrimEnd('\r');
        }
    }

    private static int Fields(string record, char separator)
    {
        var quoted = false;
        var count = 1;
        foreach (var ch in record)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == separator && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
