namespace AgentML.Core.Tasks;

/// <summary>
/// Where a task's files are: AgentML's layout (competition.yaml, public/, private/), MLE-bench's prepared layout
/// (&lt;id&gt;/prepared/{public,private}) or a bare Kaggle-style folder (train/test/sample_submission side by side).
/// </summary>
public sealed record TaskFolder
{
    private static readonly string[] DataExtensions = [".csv", ".csv.gz", ".tsv", ".tsv.gz"];
    private static readonly string[] DescriptionNames = ["description.md", "description.txt", "overview.md", "overview.txt", "README.md", "readme.md", "README.txt"];

    public required string Root { get; init; }

    public required string PublicDirectory { get; init; }

    public string? PrivateDirectory { get; init; }

    public string? YamlPath { get; init; }

    /// <summary>Locates the folders of <paramref name="folder"/>; throws <see cref="UserFacingException"/> when it does not exist.</summary>
    public static TaskFolder Resolve(string folder, bool ignoreYaml)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new UserFacingException($"{folder}: task folder not found");
        }

        var yaml = Path.Combine(root, "competition.yaml");
        if (!File.Exists(Path.Combine(root, "public")) && Directory.Exists(Path.Combine(root, "prepared", "public")) && !File.Exists(yaml))
        {
            root = Path.Combine(root, "prepared");
        }

        var publicDir = Directory.Exists(Path.Combine(root, "public")) ? Path.Combine(root, "public") : root;
        publicDir = DataSubfolder(publicDir) ?? publicDir;
        var privateDir = Directory.Exists(Path.Combine(root, "private")) ? Path.Combine(root, "private") : null;
        return new TaskFolder
        {
            Root = root,
            PublicDirectory = publicDir,
            PrivateDirectory = privateDir,
            YamlPath = !ignoreYaml && File.Exists(yaml) ? yaml : null,
        };
    }

    /// <summary>A path from competition.yaml (relative to the root), checked to exist.</summary>
    public string Given(string relative, string field)
    {
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        return File.Exists(path) ? path : throw new UserFacingException($"{YamlPath}: {field} '{relative}' does not exist ({path})");
    }

    /// <summary>The data file of a role ("train", "test", "sample_submission") in the public folder.</summary>
    public string FindPublic(string role) => TryFindPublic(role, out var path, out var problem) ? path : throw new UserFacingException(problem);

    /// <summary>
    /// A test set given as a folder of files rather than a table: the subfolder of the public folder named like
    /// "test" (test/, test_images/, images_test/) that holds files; null when there is none.
    /// </summary>
    public string? FindTestFolder()
    {
        var candidates = Directory.EnumerateDirectories(PublicDirectory)
            .Where(d => Path.GetFileName(d).Contains("test", StringComparison.OrdinalIgnoreCase))
            .Where(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any())
            .OrderBy(d => Path.GetFileName(d).Length)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();
        return candidates.Count == 0 ? null : Path.GetFileName(candidates[0]);
    }

    /// <summary>The data file of a role, or false with the reason when there is none.</summary>
    public bool TryFindPublic(string role, out string path, out string problem)
    {
        path = "";
        problem = "";
        var files = DataFiles(PublicDirectory);
        var exact = files.FirstOrDefault(f => BaseName(f).Equals(role, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            path = exact;
            return true;
        }

        Func<string, bool> matches = role switch
        {
            "sample_submission" => n => n.Contains("sample", StringComparison.OrdinalIgnoreCase) && n.Contains("sub", StringComparison.OrdinalIgnoreCase),
            _ => n => n.Contains(role, StringComparison.OrdinalIgnoreCase) && !n.Contains("sub", StringComparison.OrdinalIgnoreCase),
        };
        var candidates = files.Where(f => matches(BaseName(f))).ToList();
        if (candidates.Count == 0 && role == "sample_submission")
        {
            candidates = files.Where(f => BaseName(f).Contains("submission", StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (candidates.Count == 0)
        {
            problem = $"{PublicDirectory}: no {role.Replace('_', ' ')} file found (expected {role}.csv; files: {string.Join(", ", files.Select(Path.GetFileName))})";
            return false;
        }

        path = candidates.OrderBy(f => BaseName(f).Length).First();
        return true;
    }

    /// <summary>The private answers: private/answers.csv, MLE-bench's private/test.csv, or the only data file in private/.</summary>
    public string? FindAnswers()
    {
        if (PrivateDirectory is null)
        {
            return null;
        }

        var files = DataFiles(PrivateDirectory);
        return files.FirstOrDefault(f => BaseName(f).Equals("answers", StringComparison.OrdinalIgnoreCase))
            ?? files.FirstOrDefault(f => BaseName(f).Equals("test", StringComparison.OrdinalIgnoreCase))
            ?? (files.Count == 1 ? files[0] : null);
    }

    /// <summary>The task statement: description.md (or overview/README) in the root, then in public/.</summary>
    public string? FindDescription() =>
        SearchDirectories()
            .SelectMany(dir => DescriptionNames.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);

    /// <summary>leaderboard.csv in the root (or beside MLE-bench's prepared folder).</summary>
    public string? FindLeaderboard() =>
        SearchDirectories().Select(d => Path.Combine(d, "leaderboard.csv")).FirstOrDefault(File.Exists);

    private IEnumerable<string> SearchDirectories()
    {
        yield return Root;
        yield return PublicDirectory;
        if (Path.GetFileName(Root) == "prepared" && Path.GetDirectoryName(Root) is { } competition)
        {
            yield return competition;
        }
    }

    /// <summary>
    /// Kaggle downloads often keep the data one level down (data/, input/): when <paramref name="dir"/> holds no data
    /// file and exactly one of its subfolders (private/ aside) holds a train file, that subfolder is the public one.
    /// </summary>
    private static string? DataSubfolder(string dir)
    {
        if (DataFiles(dir).Count > 0)
        {
            return null;
        }

        var candidates = Directory.EnumerateDirectories(dir)
            .Where(d => !Path.GetFileName(d).Equals("private", StringComparison.OrdinalIgnoreCase))
            .Where(d => DataFiles(d).Any(f => BaseName(f).Contains("train", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return candidates.Count <= 1 ? candidates.FirstOrDefault() : throw new UserFacingException(
            $"{dir}: no data file here and several subfolders hold a train file ({string.Join(", ", candidates.Select(Path.GetFileName).Order(StringComparer.Ordinal))}); point agentml at one of them");
    }

    private static List<string> DataFiles(string dir) =>
        Directory.EnumerateFiles(dir)
            .Where(f => DataExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string BaseName(string path)
    {
        var name = Path.GetFileName(path);
        var ext = DataExtensions.OrderByDescending(e => e.Length).First(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return name[..^ext.Length];
    }
}
