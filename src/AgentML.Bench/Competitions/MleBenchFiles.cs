using System.IO.Compression;
using System.Text.RegularExpressions;
using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Competitions;

/// <summary>An archive of the public folder and the folder (both relative to it) it is unpacked to when the data are staged.</summary>
public sealed record StagedArchive(string Archive, string Folder);

/// <summary>A table written into the staged public folder (relative path) that prepare.py does not write (a train table built from file paths).</summary>
public sealed record StagedTable(string File, CsvTable Table);

/// <summary>
/// The image files of a registered competition as its registry entry declares them (<see cref="RegistryFiles"/>,
/// <see cref="RegistryEntry.Unpack"/>): the <see cref="FileColumn"/> a solver reads, checked against a few train rows,
/// and the train table of a competition whose labels are in the file paths. A folder prepare.py ships only as an
/// archive (aerial-cactus-identification's train.zip) is read from the archive.
/// </summary>
internal static class MleBenchFiles
{
    private const int CheckedValues = 20;

    /// <summary>The archives to unpack when staging, relative to the public folder; throws naming an archive that is missing or not a zip.</summary>
    public static IReadOnlyList<StagedArchive> Archives(RegistryEntry entry, string prepared)
    {
        var publicDir = Path.Combine(prepared, "public");
        return entry.Unpack.Select(kv =>
        {
            var archive = Path.Combine(prepared, kv.Key);
            if (!kv.Key.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Registry entry {entry.Id}: unpack '{kv.Key}' is not a .zip archive (only zip archives are unpacked).");
            }

            if (!File.Exists(archive))
            {
                throw new UserFacingException($"{entry.Id}: the archive {archive} is missing (expected by MLE-bench's layout).");
            }

            return new StagedArchive(Relative(publicDir, archive), Relative(publicDir, Path.Combine(prepared, kv.Value)));
        }).ToArray();
    }

    /// <summary>
    /// The train table of <see cref="RegistryFiles.TrainTableFromPaths"/>: one row per train file whose path (relative to
    /// the train folder) matches, the regular expression's named groups as columns; throws when no file matches.
    /// </summary>
    public static StagedTable TrainTable(RegistryEntry entry, RegistryFiles files, string prepared, IReadOnlyList<StagedArchive> archives)
    {
        var publicDir = Path.Combine(prepared, "public");
        var pattern = new Regex(files.TrainTableFromPaths!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var columns = pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)).ToArray();
        var folder = Relative(publicDir, Path.Combine(prepared, files.TrainFolder));
        var rows = Contents(entry, publicDir, folder, archives)
            .Select(path => pattern.Match(path[(folder.Length + 1)..]))
            .Where(m => m.Success)
            .Select(m => columns.Select(c => m.Groups[c].Value).ToArray())
            .ToList();
        if (rows.Count == 0)
        {
            throw new UserFacingException($"{entry.Id}: no file under {Path.Combine(publicDir, folder)} matches files.train_table_from_paths '{pattern}', so there is no train table.");
        }

        var table = new CsvTable(columns, rows) { SourcePath = $"the train table built from the file paths under {Path.Combine(publicDir, folder)}" };
        return new StagedTable(Relative(publicDir, Path.Combine(prepared, entry.Train)), table);
    }

    /// <summary>
    /// The declared file column, its files counted in the folders (or archives) and checked on a spread of train values;
    /// throws <see cref="UserFacingException"/> when a folder is missing or most train values name no file.
    /// </summary>
    public static FileColumn Column(RegistryEntry entry, RegistryFiles files, string prepared, CsvTable train, IReadOnlyList<StagedArchive> archives)
    {
        var publicDir = Path.Combine(prepared, "public");
        var trainFolder = Relative(publicDir, Path.Combine(prepared, files.TrainFolder));
        var testFolder = Relative(publicDir, Path.Combine(prepared, files.TestFolder));
        var trainFiles = Contents(entry, publicDir, trainFolder, archives);
        var testFiles = testFolder == trainFolder ? [] : Contents(entry, publicDir, testFolder, archives);
        var byName = trainFiles.GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.First(), StringComparer.Ordinal);
        var values = train.ColumnIndex(files.Column) < 0
            ? throw new InvalidOperationException($"Registry entry {entry.Id}: files.column '{files.Column}' is not a column of {train.SourcePath} ({string.Join(", ", train.Columns)}).")
            : train.Column(files.Column).Where(v => v.Length > 0).ToArray();
        var count = Math.Min(CheckedValues, values.Length);
        var spread = Enumerable.Range(0, count).Select(i => values[(int)((long)i * values.Length / count)]).ToArray();
        var found = spread.Select(v => byName.GetValueOrDefault(v + files.Suffix)).OfType<string>().ToArray();
        if (found.Length * 2 < spread.Length || found.Length == 0)
        {
            throw new UserFacingException(
                $"{entry.Id}: {spread.Length - found.Length} of {spread.Length} values of '{files.Column}' in {train.SourcePath} (e.g. '{spread.FirstOrDefault()}') name no file in {Path.Combine(publicDir, trainFolder)}{(files.Suffix.Length > 0 ? $" (with '{files.Suffix}' added)" : "")}.");
        }

        var all = trainFiles.Concat(testFiles).ToArray();
        var extensions = all.GroupBy(f => Path.GetExtension(f).ToLowerInvariant()).OrderByDescending(g => g.Count()).Select(g => g.Key).ToArray();
        var trainFolders = found.Select(f => Path.GetDirectoryName(f)!.Replace('\\', '/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var kind = Enum.TryParse<FileKind>(files.Kind, ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Registry entry {entry.Id}: files.kind '{files.Kind}' is not one of {string.Join(", ", Enum.GetNames<FileKind>()).ToLowerInvariant()}.");
        return new FileColumn(files.Column, kind, extensions, files.Suffix, trainFolders, [testFolder], all.Length, spread.Length, found.Length, found[0]);
    }

    /// <summary>The files under a folder of the public folder (paths relative to the public folder), read from its archive when it is unpacked only at staging.</summary>
    private static List<string> Contents(RegistryEntry entry, string publicDir, string folder, IReadOnlyList<StagedArchive> archives)
    {
        var full = Path.Combine(publicDir, folder);
        if (Directory.Exists(full))
        {
            return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(f => Relative(publicDir, f)).Order(StringComparer.Ordinal).ToList();
        }

        var archive = archives.FirstOrDefault(a => a.Folder == folder) ?? throw new UserFacingException(
            $"{entry.Id}: the image folder {full} is missing (expected by MLE-bench's layout).");
        using var zip = ZipFile.OpenRead(Path.Combine(publicDir, archive.Archive));
        return zip.Entries.Where(e => e.Name.Length > 0).Select(e => folder + "/" + e.FullName.Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
    }

    private static string Relative(string publicDir, string path) => Path.GetRelativePath(publicDir, path).Replace('\\', '/');
}
