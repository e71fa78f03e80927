using System.IO.Compression;
using nietras.SeparatedValues;

namespace AgentML.Core.Data;

/// <summary>
/// A CSV file held in memory as strings: header and rows. Reading tolerates quoted multi-line fields and reports
/// malformed input with file, line and column. Writing quotes fields that need it.
/// </summary>
public sealed class CsvTable
{
    public CsvTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The file this table was read from, when it was read from one.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The first line (1-based) of each row in the source file, when read from one.</summary>
    public IReadOnlyList<int>? RowLines { get; init; }

    public int RowCount => Rows.Count;

    /// <summary>Lines (1-based) of rows left out for having another number of fields than the header (only with <see cref="CsvReadOptions.SkipRaggedRows"/>).</summary>
    public IReadOnlyList<int> SkippedLines { get; init; } = [];

    /// <summary>Index of a column by exact name, or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The values of one column; throws <see cref="UserFacingException"/> naming the file when it is absent.</summary>
    public string[] Column(string name)
    {
        var index = ColumnIndex(name);
        if (index < 0)
        {
            throw new UserFacingException($"{SourcePath ?? "table"}: no column '{name}' (columns: {string.Join(", ", Columns)})");
        }

        return Column(index);
    }

    /// <summary>The values of the column at <paramref name="index"/>.</summary>
    public string[] Column(int index)
    {
        var values = new string[Rows.Count];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = Rows[r][index];
        }

        return values;
    }

    /// <summary>The line (1-based) of the row at <paramref name="rowIndex"/> in the source file (header is line 1).</summary>
    public int LineOf(int rowIndex) => RowLines is { } lines && rowIndex < lines.Count ? lines[rowIndex] : rowIndex + 2;

    /// <summary>Reads a whole CSV file (comma separated; TSV by extension; .gz decompressed). Throws <see cref="UserFacingException"/> naming file, line and column on malformed input.</summary>
    public static CsvTable Read(string path) => Read(path, maxRows: null);

    /// <summary>Reads the header only.</summary>
    public static IReadOnlyList<string> ReadHeader(string path) => Read(path, maxRows: 0).Columns;

    /// <summary>Reads the header and at most <paramref name="maxRows"/> rows (all when null).</summary>
    public static CsvTable Read(string path, int? maxRows)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{path}: file not found");
        }

        try
        {
            using var text = OpenText(path);
            return Parse(path, text, new CsvReadOptions { Separator = SeparatorFor(path), MaxRows = maxRows });
        }
        catch (IOException ex)
        {
            throw new UserFacingException($"{path}: cannot read: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new UserFacingException($"{path}: malformed file: {ex.Message}", ex);
        }
    }

    /// <summary>Parses CSV text (for tests and small inline tables).</summary>
    public static CsvTable Parse(string text, string name = "text") =>
        Parse(name, new StringReader(text ?? throw new ArgumentNullException(nameof(text))), new CsvReadOptions());

    /// <summary>
    /// Reads CSV text whose layout the caller decided (separator, header repairs), e.g. a raw file after sniffing its
    /// delimiter and encoding. <paramref name="name"/> names the source in errors.
    /// </summary>
    public static CsvTable Read(TextReader text, string name, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return Parse(name, text, options);
    }

    /// <summary>Writes the table as CSV (to a temp file first, then moved into place). TSV by extension; .gz compressed.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = OpenWrite(temp, full))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                WriteTo(writer, SeparatorFor(full));
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The table as CSV text.</summary>
    public string ToCsvText()
    {
        using var writer = new StringWriter();
        WriteTo(writer, ',');
        return writer.ToString();
    }

    private void WriteTo(TextWriter textWriter, char separator)
    {
        using var writer = Sep.New(separator).Writer(o => o with { Escape = true, WriteHeader = false }).To(textWriter, leaveOpen: true);
        WriteRow(writer, Columns);
        foreach (var row in Rows)
        {
            if (row.Length != Columns.Count)
            {
                throw new ArgumentException($"A row has {row.Length} fields but the table has {Columns.Count} columns.", nameof(Rows));
            }

            WriteRow(writer, row);
        }
    }

    private static void WriteRow(SepWriter writer, IReadOnlyList<string> values)
    {
        using var row = writer.NewRow();
        for (var i = 0; i < values.Count; i++)
        {
            row[i].Set(values[i]);
        }
    }

    private static CsvTable Parse(string path, TextReader text, CsvReadOptions options)
    {
        var separator = options.Separator;
        var maxRows = options.MaxRows;
        using var reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            CreateToString = SepToString.PoolPerCol(maximumStringLength: 32),
        }).From(text);

        string[]? header = null;
        var rows = new List<string[]>();
        var lines = new List<int>();
        var skipped = new List<int>();
        foreach (var row in reader)
        {
            if (header is null)
            {
                header = ReadHeaderRow(path, row, options.RenameBadHeaders);
                if (maxRows == 0)
                {
                    break;
                }

                continue;
            }

            if (row.ColCount == 1 && row.Span.Length == 0)
            {
                continue; // blank line
            }

            if (options.SkipRaggedRows && row.ColCount != header.Length && row.Span.Count('"') % 2 == 0)
            {
                skipped.Add(row.LineNumberFrom);
                continue;
            }

            CheckRow(path, row, header, separator);
            var values = new string[header.Length];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = row[c].ToString();
            }

            rows.Add(values);
            lines.Add(row.LineNumberFrom);
            if (rows.Count == maxRows)
            {
                break;
            }
        }

        if (header is null)
        {
            throw new UserFacingException($"{path}: the file is empty (expected a header line)");
        }

        return new CsvTable(header, rows) { SourcePath = path, RowLines = lines, SkippedLines = skipped };
    }

    private static string[] ReadHeaderRow(string path, SepReader.Row row, bool rename)
    {
        var header = new string[row.ColCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            header[c] = row[c].ToString().Trim();
            if (rename && header.Length > 1)
            {
                header[c] = UniqueName(header[c].Length == 0 ? $"column_{c + 1}" : header[c], seen);
            }

            if (!seen.Add(header[c]))
            {
                throw new UserFacingException($"{path}: line {row.LineNumberFrom}, column {c + 1}: duplicate column name '{header[c]}'");
            }
        }

        if (header.Length == 1 && header[0].Length == 0)
        {
            throw new UserFacingException($"{path}: line {row.LineNumberFrom}: the header line is empty");
        }

        return header;
    }

    private static void CheckRow(string path, SepReader.Row row, string[] header, char separator)
    {
        // Before any column is read (unescaping works in place): an odd number of quotes means one never closes.
        var raw = row.Span;
        if (raw.Count('"') % 2 == 1)
        {
            var column = UnclosedQuoteColumn(raw, separator);
            throw new UserFacingException(
                $"{path}: line {row.LineNumberFrom}, column {column + 1} ('{NameOf(header, column)}'): quoted field is never closed (it runs to line {row.LineNumberToExcl - 1})");
        }

        if (row.ColCount != header.Length)
        {
            var what = row.ColCount > header.Length
                ? $"column {header.Length + 1}: unexpected extra field (the header has {header.Length} columns, this row has {row.ColCount})"
                : $"column {row.ColCount + 1} ('{header[row.ColCount]}'): row ends early (the header has {header.Length} columns, this row has {row.ColCount})";
            throw new UserFacingException($"{path}: line {row.LineNumberFrom}, {what}");
        }
    }

    private static int UnclosedQuoteColumn(ReadOnlySpan<char> raw, char separator)
    {
        int column = 0, opened = 0;
        var quoted = false;
        foreach (var ch in raw)
        {
            if (ch == '"')
            {
                quoted = !quoted;
                opened = quoted ? column : opened;
            }
            else if (ch == separator && !quoted)
            {
                column++;
            }
        }

        return opened;
    }

    private static string UniqueName(string name, HashSet<string> seen)
    {
        var unique = name;
        for (var k = 2; seen.Contains(unique); k++)
        {
            unique = $"{name}_{k}";
        }

        return unique;
    }

    private static string NameOf(string[] header, int c) => c < header.Length ? header[c] : "?";

    private static char SeparatorFor(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tab", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
    }

    private static StreamReader OpenText(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
    }

    private static Stream OpenWrite(string temp, string finalPath)
    {
        Stream stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
        return finalPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionLevel.Optimal) : stream;
    }
}
