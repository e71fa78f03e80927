using System.IO.Compression;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Competitions;

/// <summary>An archive of the public folder and the folder (both relative to it) it is unpacked to when the data are staged.</summary>
public sealed record StagedArchive(string Archive, string Folder);

/// <summary>
/// The image files of a registered competition as its registry entry declares them (<see cref="RegistryFiles"/>,
/// <see cref="RegistryEntry.Unpack"/>): the <see cref="FileColumn"/> a solver reads, checked against a few train rows.
/// A folder prepare.py ships only as an archive (aerial-cactus-identification's train.zip) is read from the archive.
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
    /// The declared file column, its files counted in the folders (or archives) and checked on a spread of train values;
    /// throws <see cref="UserFacingException"/> when a folder is missing or most train values name no file.
    /// </summary>
    public static FileColumn Column(RegistryEntry entry, RegistryFiles files, string prepared, string trainPath, IReadOnlyList<StagedArchive> archives)
    {
        var publicDir = Path.Combine(prepared, "public");
        var train = Contents(entry, publicDir, Relative(publicDir, Path.Combine(prepared, files.TrainFolder)), archives);
        var test = Contents(entry, publicDir, Relative(publicDir, Path.Combine(prepared, files.TestFolder)), archives);
        var values = TrainValues(trainPath, files.Column, entry.Id);
        var spread = Enumerable.Range(0, Math.Min(CheckedValues, values.Count)).Select(i => values[(int)((long)i * values.Count / Math.Min(CheckedValues, values.Count))]).ToArray();
        var found = spread.Select(v => train.Files.GetValueOrDefault(v + files.Suffix)).OfType<string>().ToArray();
        if (found.Length * 2 < spread.Length)
        {
            throw new UserFacingException(
                $"{entry.Id}: {spread.Length - found.Length} of {spread.Length} values of '{files.Column}' in {trainPath} (e.g. '{spread[0]}') name no file in {Path.Combine(publicDir, train.Folder)}{(files.Suffix.Length > 0 ? $" (with '{files.Suffix}' added)" : "")}.");
        }

        var extensions = train.Files.Keys.Concat(test.Files.Keys).GroupBy(f => Path.GetExtension(f).ToLowerInvariant())
            .OrderByDescending(g => g.Count()).Select(g => g.Key).ToArray();
        var trainFolders = found.Select(f => Path.GetDirectoryName(f)!.Replace('\\', '/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new FileColumn(files.Column, FileKind.Image, extensions, files.Suffix, trainFolders.Length > 0 ? trainFolders : [train.Folder], [test.Folder],
            train.Files.Count + (test.Folder == train.Folder ? 0 : test.Files.Count), spread.Length, found.Length, found.FirstOrDefault());
    }

    /// <summary>The files of a folder of the public folder by name (value: path relative to the public folder), read from its archive when it is unpacked only at staging.</summary>
    private static (string Folder, Dictionary<string, string> Files) Contents(RegistryEntry entry, string publicDir, string folder, IReadOnlyList<StagedArchive> archives)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var full = Path.Combine(publicDir, folder);
        if (Directory.Exists(full))
        {
            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                files.TryAdd(Path.GetFileName(file), Relative(publicDir, file));
            }

            return (folder, files);
        }

        var archive = archives.FirstOrDefault(a => a.Folder == folder) ?? throw new UserFacingException(
            $"{entry.Id}: the image folder {full} is missing (expected by MLE-bench's layout).");
        using var zip = ZipFile.OpenRead(Path.Combine(publicDir, archive.Archive));
        foreach (var item in zip.Entries.Where(e => e.Name.Length > 0))
        {
            files.TryAdd(item.Name, folder + "/" + item.FullName.Replace('\\', '/'));
        }

        return (folder, files);
    }

    private static List<string> TrainValues(string trainPath, string column, string id)
    {
        var table = Core.Data.CsvTable.Read(trainPath);
        return table.ColumnIndex(column) < 0
            ? throw new InvalidOperationException($"Registry entry {id}: files.column '{column}' is not a column of {trainPath} ({string.Join(", ", table.Columns)}).")
            : table.Column(column).Where(v => v.Length > 0).ToList();
    }

    private static string Relative(string publicDir, string path) => Path.GetRelativePath(publicDir, path).Replace('\\', '/');
}
