using System.IO.Compression;
using AgentML.Agents.Forge;
using AgentML.Core.Data;

namespace AgentML.Forge.Input;

/// <summary>
/// Reads raw tabular files for forge: CSV and TSV, optionally gzip-compressed (.csv.gz, .tsv.gz), flat Parquet, and lists the
/// readable files of a folder. Bad files fail with a message naming the file and what was expected.
/// </summary>
public sealed class RawDataReader
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".csv.gz", ".tsv.gz", ".parquet"];
    private readonly ForgeKnowledge _knowledge;

    public RawDataReader(ForgeKnowledge knowledge) => _knowledge = knowledge;

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
            throw new UserFacingException($"{path}: unsupported file type; expected {string.Join(", ", Extensions)}.");
        }

        var table = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ParquetTableReader.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult()
            : path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ReadGzip(path) : ReadText(path, path);
        Validate(path, table);
        var columns = ColumnData.AllFrom(table, _knowledge);
        return new RawDataset
        {
            Name = Slug.DatasetName(path),
            SourcePath = Path.GetFullPath(path),
            Table = table,
            Profile = new RawTableProfiler(_knowledge).Profile(table, columns),
            Columns = columns,
        };
    }

    private static CsvTable ReadGzip(string path)
    {
        var inner = path[..^3];
        var temp = Path.Combine(Path.GetTempPath(), $"agentml-forge-{Guid.NewGuid():N}{Path.GetExtension(inner)}");
        try
        {
            using (var source = File.OpenRead(path))
            {
                var magic = new byte[2];
                if (source.Read(magic, 0, 2) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
                {
                    throw new UserFacingException($"{path}: not a gzip file (the name ends in .gz but the content is not gzip-compressed).");
                }

                source.Position = 0;
                using var gzip = new GZipStream(source, CompressionMode.Decompress);
                using var target = File.Create(temp);
                gzip.CopyTo(target);
            }

            return ReadText(temp, path);
        }
        catch (InvalidDataException ex)
        {
            throw new UserFacingException($"{path}: the gzip stream is corrupt ({ex.Message}).", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static CsvTable ReadText(string file, string shownAs)
    {
        if (new FileInfo(file).Length == 0)
        {
            throw new UserFacingException($"{shownAs}: the file is empty; expected a header line and data rows.");
        }

        using (var stream = File.OpenRead(file))
        {
            var head = new byte[Math.Min(8192, (int)stream.Length)];
            var read = stream.Read(head, 0, head.Length);
            if (Array.IndexOf(head, (byte)0, 0, read) >= 0)
            {
                throw new UserFacingException($"{shownAs}: binary content (NUL bytes); expected a text CSV or TSV file.");
            }
        }

        try
        {
            return CsvTable.Read(file);
        }
        catch (UserFacingException ex) when (file != shownAs)
        {
            throw new UserFacingException($"{shownAs}: {ex.Message}", ex);
        }
    }

    private static void Validate(string path, CsvTable table)
    {
        if (table.Columns.Count < 2)
        {
            throw new UserFacingException($"{path}: {table.Columns.Count} column(s); a task needs a target and at least one feature. Is the delimiter right (comma for .csv, tab for .tsv)?");
        }

        var duplicate = table.Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UserFacingException($"{path}: the header names column '{duplicate.Key}' twice; column names must be unique.");
        }

        var blank = table.Columns.Select((c, i) => (c, i)).FirstOrDefault(x => string.IsNullOrWhiteSpace(x.c));
        if (blank.c is not null)
        {
            throw new UserFacingException($"{path}: column {blank.i + 1} of the header has no name.");
        }

        if (table.Rows.Count < 50)
        {
            throw new UserFacingException($"{path}: {table.Rows.Count} data rows; forge needs at least 50 to make a train and a test set.");
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (table.Rows[r].Length != table.Columns.Count)
            {
                throw new UserFacingException($"{path}: data row {r + 1} has {table.Rows[r].Length} fields; the header has {table.Columns.Count}.");
            }
        }
    }
}
