using System.IO.Compression;
using AgentML.Core.Data;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Input;

/// <summary>
/// Reads raw tabular files for forge: delimited text (comma, semicolon, tab or pipe, sniffed; UTF-8, UTF-16 or Latin-1),
/// optionally gzip-compressed (.csv.gz, .tsv.gz), and flat Parquet; lists the readable files of a folder. Repairs what
/// has one sensible repair (blank or repeated header cells, a missing header line, formatted numbers) and says so in
/// <see cref="RawDataset.ReadNotes"/>; anything else fails with a message naming the file, line or column and what was expected.
/// </summary>
public sealed class RawDataReader
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".csv.gz", ".tsv.gz", ".parquet"];
    private const int SampleChars = 1 << 16;
    private readonly ForgeKnowledge _knowledge;
    private readonly int _minRows;

    /// <param name="knowledge">Missing-value tokens and id names.</param>
    /// <param name="minRows">Fewer data rows fail the file at once (a task needs its train and test rows).</param>
    public RawDataReader(ForgeKnowledge knowledge, int minRows = 50)
    {
        _knowledge = knowledge;
        _minRows = minRows;
    }

    /// <summary>The extensions forge reads, for messages.</summary>
    public static string SupportedExtensions => string.Join(", ", Extensions);

    /// <summary>The supported files directly inside <paramref name="folder"/>, sorted by name.</summary>
    public static IReadOnlyList<string> ListFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Directory.GetFiles(folder).Where(IsSupported).Order(StringComparer.Ordinal).ToArray();
    }

    public static bool IsSupported(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads and profiles one file.</summary>
    public RawDataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{path}: no such file.");
        }

        if (!IsSupported(path))
        {
            throw new UserFacingException($"{path}: unsupported file type; expected {SupportedExtensions}.");
        }

        var notes = new List<string>();
        var separator = ',';
        var table = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ParquetTableReader.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult()
            : ReadText(path, notes, out separator);
        Validate(path, table);
        (table, var blanked) = MissingMarkers.Blank(table, _knowledge);
        notes.AddRange(blanked);
        (table, var cleaned) = NumberCleaner.Clean(table, _knowledge, separator);
        notes.AddRange(cleaned);
        (table, var dates) = DateCleaner.Clean(table);
        notes.AddRange(dates);
        var columns = ColumnData.AllFrom(table, _knowledge);
        var profile = new RawTableProfiler(_knowledge).Analyse(table, columns);
        return new RawDataset
        {
            Name = Slug.DatasetName(path),
            SourcePath = Path.GetFullPath(path),
            Table = table,
            Profile = profile.Profile,
            Codes = profile.Codes,
            GroupColumns = profile.GroupColumns,
            Columns = columns,
            ReadNotes = notes,
        };
    }

    private static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static char PreferredSeparator(string path)
    {
        var name = IsGzip(path) ? path[..^3] : path;
        return name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
    }

    private static Stream Open(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return IsGzip(path) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static CsvTable ReadText(string path, List<string> notes, out char separator)
    {
        CheckBytes(path);
        separator = PreferredSeparator(path);
        try
        {
            var layout = TextLayout.Detect(() => Open(path), PreferredSeparator(path));
            separator = layout.Separator;
            var sample = Sample(path, layout);
            if (sample.Trim().Length == 0)
            {
                throw new UserFacingException($"{path}: no text (only blank lines); expected a header line and data rows.");
            }

            if (layout.Encoding.WebName != "utf-8" || layout.Separator != PreferredSeparator(path))
            {
                notes.Add($"read as {layout.Describe()}");
            }

            var headerless = HeaderlessReader.LooksHeaderless(sample, layout.Separator);
            TextReader text = new StreamReader(Open(path), layout.Encoding, detectEncodingFromByteOrderMarks: true);
            if (headerless)
            {
                var count = HeaderlessReader.FieldCount(sample, layout.Separator);
                text = new PrefixedReader(HeaderlessReader.Header(count, layout.Separator), text);
                notes.Add($"the first line holds data, not column names (most of its cells are numbers): the columns are named column_1 to column_{count}");
            }

            using (text)
            {
                var table = CsvTable.Read(text, path, new CsvReadOptions { Separator = layout.Separator, RenameBadHeaders = true, SkipRaggedRows = true });
                RaggedRows(path, table, table.Columns.Count, notes);
                var original = headerless ? table.Columns : HeaderCells(sample, layout.Separator);
                var renamed = table.Columns.Select((c, i) => (c, i)).Where(x => x.i < original.Count && original[x.i] != x.c).ToArray();
                if (renamed.Length > 0)
                {
                    notes.Add("header cells renamed: " + string.Join(", ", renamed.Select(x =>
                        $"column {x.i + 1} {(original[x.i].Length == 0 ? "(blank)" : $"('{original[x.i]}', repeated)")} -> '{x.c}'")));
                }

                return table;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new UserFacingException($"{path}: the gzip stream is corrupt ({ex.Message}); expected a complete .gz file.", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new UserFacingException($"{path}: the gzip stream ends early (truncated file?); expected a complete .gz file.", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new UserFacingException($"{path}: cannot read ({ex.Message}).", ex);
        }
    }

    /// <summary>At most this share of the rows may have another number of fields than the header (they are left out); more fails the file.</summary>
    public const double MaxRaggedShare = 0.01;

    private static void RaggedRows(string path, CsvTable table, int fields, List<string> notes)
    {
        var skipped = table.SkippedLines;
        if (skipped.Count == 0)
        {
            return;
        }

        var lines = string.Join(", ", skipped.Take(5)) + (skipped.Count > 5 ? ", ..." : "");
        if (skipped.Count > MaxRaggedShare * (table.Rows.Count + skipped.Count))
        {
            throw new UserFacingException(
                $"{path}: {skipped.Count} of {table.Rows.Count + skipped.Count} rows (lines {lines}) do not have the header's {fields} fields; expected every row to have {fields} (is a field with the separator or a newline left unquoted?).");
        }

        notes.Add($"{skipped.Count} row(s) left out for not having the header's {fields} fields (line(s) {lines})");
    }

    private static string Sample(string path, TextLayout layout)
    {
        using var reader = new StreamReader(Open(path), layout.Encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[SampleChars];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private static IReadOnlyList<string> HeaderCells(string sample, char separator)
    {
        var firstLine = sample.Split('\n', 2)[0].TrimEnd('\r');
        try
        {
            return CsvTable.Read(new StringReader(firstLine + "\n"), "header", new CsvReadOptions { Separator = separator, MaxRows = 0, RenameBadHeaders = false }).Columns;
        }
        catch (UserFacingException)
        {
            // Repeated names: split plainly (only used to say which cells were renamed).
            return firstLine.Split(separator).Select(c => c.Trim().Trim('"').Trim()).ToArray();
        }
    }

    /// <summary>Fails early on an empty file, a .gz name over plain bytes and binary content.</summary>
    private static void CheckBytes(string path)
    {
        if (new FileInfo(path).Length == 0)
        {
            throw new UserFacingException($"{path}: the file is empty; expected a header line and data rows.");
        }

        using var raw = File.OpenRead(path);
        if (IsGzip(path))
        {
            var magic = new byte[2];
            if (raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            {
                throw new UserFacingException($"{path}: not a gzip file (the name ends in .gz but the content is not gzip-compressed).");
            }
        }

        try
        {
            using var stream = Open(path);
            var head = new byte[8192];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var utf16 = read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
            if (read == 0)
            {
                throw new UserFacingException($"{path}: the file is empty once decompressed; expected a header line and data rows.");
            }

            if (!utf16 && Array.IndexOf(head, (byte)0, 0, read) >= 0)
            {
                throw new UserFacingException($"{path}: binary content (NUL bytes in the first {read} bytes); expected a delimited text file (CSV, TSV).");
            }

            if (IsGzip(path))
            {
                CheckGzipLength(path, stream, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new UserFacingException($"{path}: the gzip stream is corrupt ({ex.Message}); expected a complete .gz file.", ex);
        }
    }

    /// <summary>A gzip file ends with its uncompressed length (mod 2^32): a truncated file decompresses to fewer bytes than it says.</summary>
    private static void CheckGzipLength(string path, Stream decompressed, long alreadyRead)
    {
        var total = alreadyRead;
        var buffer = new byte[1 << 16];
        int n;
        while ((n = decompressed.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
        }

        using var raw = File.OpenRead(path);
        var trailer = new byte[4];
        raw.Seek(-4, SeekOrigin.End);
        raw.ReadExactly(trailer);
        var declared = BitConverter.ToUInt32(trailer);
        if (declared != (uint)total)
        {
            throw new UserFacingException(
                $"{path}: the gzip stream is truncated or corrupt (it decompresses to {total} bytes, its trailer says {declared}); expected a complete .gz file.");
        }
    }

    private void Validate(string path, CsvTable table)
    {
        if (table.Columns.Count < 2)
        {
            throw new UserFacingException(
                $"{path}: 1 column ('{table.Columns.FirstOrDefault()}'); a task needs a target and at least one feature. No comma, semicolon, tab or pipe splits the lines into the same number of fields.");
        }

        if (table.Rows.Count < _minRows)
        {
            throw new UserFacingException(
                $"{path}: too few rows: {table.Rows.Count} data rows; forge needs at least {_minRows} to make a train and a test set large enough to score.");
        }
    }
}
