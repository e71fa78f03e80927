using AgentML.Core.Data;

namespace AgentML.Core.Tasks;

/// <summary>
/// Finds the columns of train.csv whose values name files of the public folder (images, audio, text): as a path
/// relative to the folder ("images/1.png"), a file name found in a subfolder ("1.png" in train/), or a file name
/// without its extension ("a1b2" for train/a1b2.tif). A column is a file column when nearly every checked value
/// names a file.
/// </summary>
public sealed class FileInputFinder
{
    private const int MaxIndexedFiles = 2_000_000;
    private const int ProbeValues = 20;
    private const int CheckedValues = 200;
    private const double FoundShare = 0.9;
    private const int SizeSamples = 24;

    private static readonly Dictionary<string, FileKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = FileKind.Image, [".jpg"] = FileKind.Image, [".jpeg"] = FileKind.Image, [".tif"] = FileKind.Image,
        [".tiff"] = FileKind.Image, [".bmp"] = FileKind.Image, [".gif"] = FileKind.Image, [".webp"] = FileKind.Image,
        [".wav"] = FileKind.Audio, [".mp3"] = FileKind.Audio, [".flac"] = FileKind.Audio, [".ogg"] = FileKind.Audio,
        [".aif"] = FileKind.Audio, [".aiff"] = FileKind.Audio, [".txt"] = FileKind.Text, [".json"] = FileKind.Text,
        [".npy"] = FileKind.Other, [".dcm"] = FileKind.Image,
    };

    private readonly string _root;
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byStem = new(StringComparer.Ordinal);

    private FileInputFinder(string root) => _root = root;

    /// <summary>Indexes the media files under <paramref name="publicDirectory"/> (private/ excluded).</summary>
    public static FileInputFinder Index(string publicDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(publicDirectory);
        var finder = new FileInputFinder(publicDirectory);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(publicDirectory, "*", options).Take(MaxIndexedFiles))
        {
            if (!Kinds.ContainsKey(Path.GetExtension(file)))
            {
                continue;
            }

            var relative = Path.GetRelativePath(publicDirectory, file).Replace('\\', '/');
            if (relative.StartsWith("private/", StringComparison.Ordinal))
            {
                continue;
            }

            finder._paths.Add(relative);
            Add(finder._byName, Path.GetFileName(relative), relative);
            Add(finder._byStem, Path.GetFileNameWithoutExtension(relative), relative);
        }

        return finder;
    }

    /// <summary>True when the folder holds any media file at all.</summary>
    public bool HasFiles => _paths.Count > 0;

    /// <summary>
    /// The file columns of <paramref name="train"/> (values checked against the index) other than <paramref name="skip"/>;
    /// with <paramref name="test"/>, also where the test rows' files are.
    /// </summary>
    public IReadOnlyList<FileColumn> Find(CsvTable train, CsvTable? test, IEnumerable<string> skip)
    {
        ArgumentNullException.ThrowIfNull(train);
        var found = new List<FileColumn>();
        if (!HasFiles)
        {
            return found;
        }

        var skipped = skip.ToHashSet(StringComparer.Ordinal);
        foreach (var column in train.Columns.Where(c => !skipped.Contains(c)))
        {
            var values = train.Column(column);
            if (Resolve(Spread(values, ProbeValues)).Found * 2 < Math.Min(ProbeValues, values.Length))
            {
                continue;
            }

            var resolved = Resolve(Spread(values, CheckedValues));
            if (resolved.Checked == 0 || resolved.Found < FoundShare * resolved.Checked)
            {
                continue;
            }

            var testFolders = test is not null && test.ColumnIndex(column) >= 0
                ? Resolve(Spread(test.Column(column), CheckedValues)).Folders
                : [];
            var kind = resolved.Files.GroupBy(f => Kinds[Path.GetExtension(f)]).OrderByDescending(g => g.Count()).First().Key;
            var extensions = resolved.Files.GroupBy(f => Path.GetExtension(f).ToLowerInvariant()).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
            var suffix = resolved.Suffixes.GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;
            found.Add(new FileColumn(column, kind, extensions, suffix, resolved.Folders, testFolders,
                _paths.Count(p => extensions.Contains(Path.GetExtension(p).ToLowerInvariant())), resolved.Checked, resolved.Found, resolved.Files.FirstOrDefault())
            {
                Sizes = kind == FileKind.Image ? Sizes(resolved.Files) : null,
            });
        }

        // Two columns naming the same files (an id and a path built from it): the one that names them exactly wins.
        var kept = found.OrderBy(c => c.Suffix.Length > 0).DistinctBy(c => c.Example, StringComparer.Ordinal).ToHashSet();
        return found.Where(kept.Contains).ToList();
    }

    /// <summary>The media files directly or indirectly under <paramref name="folder"/> (relative to the public folder).</summary>
    public int CountUnder(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        return _paths.Count(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    private sealed record Resolution(int Checked, int Found, List<string> Files, List<string> Suffixes, List<string> Folders);

    private Resolution Resolve(IReadOnlyList<string> values)
    {
        var files = new List<string>();
        var suffixes = new List<string>();
        var folders = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedCount = 0;
        foreach (var raw in values)
        {
            var value = raw.Trim().Replace('\\', '/');
            value = value.StartsWith("./", StringComparison.Ordinal) ? value[2..] : value;
            if (value.Length == 0)
            {
                continue;
            }

            checkedCount++;
            var (file, suffix) = Lookup(value);
            if (file is null)
            {
                continue;
            }

            files.Add(file);
            suffixes.Add(suffix);
            var folder = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? "";
            folders[folder] = folders.GetValueOrDefault(folder) + 1;
        }

        return new Resolution(checkedCount, files.Count, files, suffixes,
            folders.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList());
    }

    private (string? File, string Suffix) Lookup(string value)
    {
        if (_paths.Contains(value))
        {
            return (value, "");
        }

        var name = value[(value.LastIndexOf('/') + 1)..];
        if (_byName.TryGetValue(name, out var named))
        {
            return (Closest(named, value), "");
        }

        if (_byStem.TryGetValue(name, out var stems))
        {
            var file = Closest(stems, value);
            return (file, Path.GetExtension(file));
        }

        return (null, "");
    }

    /// <summary>Among files of the same name, the one whose path ends like the value (else the first).</summary>
    private static string Closest(List<string> candidates, string value) =>
        candidates.FirstOrDefault(c => c.EndsWith(value, StringComparison.Ordinal)) ?? candidates[0];

    private ImageSizes? Sizes(List<string> files)
    {
        var sizes = files.Take(SizeSamples).Select(f => ImageHeader.Read(Path.Combine(_root, f))).OfType<(int Width, int Height, bool Grey)>().ToList();
        if (sizes.Count == 0)
        {
            return null;
        }

        var mode = sizes.All(s => s.Grey) ? "grey" : sizes.Any(s => s.Grey) ? "grey and colour" : "colour";
        return new ImageSizes(sizes.Count, sizes.Min(s => s.Width), sizes.Max(s => s.Width), sizes.Min(s => s.Height), sizes.Max(s => s.Height), mode);
    }

    /// <summary>Up to <paramref name="count"/> non-empty values spread evenly over the column.</summary>
    private static List<string> Spread(string[] values, int count)
    {
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
        if (present.Length <= count)
        {
            return [.. present];
        }

        return Enumerable.Range(0, count).Select(i => present[(int)((long)i * present.Length / count)]).ToList();
    }

    private static void Add(Dictionary<string, List<string>> index, string key, string path)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(path);
    }
}
