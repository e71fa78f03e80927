namespace AgentML.Core.Runs;

/// <summary>
/// Pretrained model weights already on this machine: the folder given by <c>--weights</c>, else torch's hub cache.
/// Programs see the folder read-only as weights/ (its path in <see cref="EnvironmentVariable"/>); nothing is downloaded.
/// </summary>
/// <param name="Directory">The folder, or null when none holds weight files.</param>
/// <param name="Files">Weight file names in it (*.pth, *.pt), sorted.</param>
/// <param name="Searched">Where they were looked for, for the note that says none were found.</param>
public sealed record PretrainedWeights(string? Directory, IReadOnlyList<string> Files, IReadOnlyList<string> Searched)
{
    /// <summary>Where the folder is mounted, relative to the sandbox root.</summary>
    public const string MountName = "weights";

    /// <summary>The environment variable that gives a program the mounted folder's path.</summary>
    public const string EnvironmentVariable = "AGENTML_WEIGHTS_DIR";

    private static readonly string[] Extensions = [".pth", ".pt"];

    /// <summary>No weights and nowhere searched (outside a search).</summary>
    public static PretrainedWeights None { get; } = new(null, [], []);

    public bool Found => Directory is not null;

    /// <summary>
    /// The weights of <paramref name="given"/> (a folder that must exist), else of torch's hub cache:
    /// $TORCH_HOME/hub/checkpoints, else $XDG_CACHE_HOME/torch/hub/checkpoints, else ~/.cache/torch/hub/checkpoints.
    /// </summary>
    public static PretrainedWeights Find(string? given, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var full = Folder(given);
            return In(full, [full]);
        }

        var cache = HubCache(environment);
        return cache is null ? None : In(cache, [cache]);
    }

    /// <summary>The full path of a --weights folder; a clear error when it does not exist.</summary>
    public static string Folder(string given)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(given);
        var full = Path.GetFullPath(given);
        return System.IO.Directory.Exists(full)
            ? full
            : throw new UserFacingException($"--weights {given}: no such folder (expected a folder of torchvision weight files such as resnet18-f37072fd.pth).");
    }

    /// <summary>torch's hub checkpoint folder for this environment (whether or not it exists); null without a home.</summary>
    public static string? HubCache(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("TORCH_HOME") is { Length: > 0 } torchHome)
        {
            return Path.Combine(torchHome, "hub", "checkpoints");
        }

        var cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        return cache is null ? null : Path.Combine(cache, "torch", "hub", "checkpoints");
    }

    /// <summary>One line for a plan or the console: the folder and its files, or where none were found.</summary>
    public string Describe() => Found
        ? $"{Files.Count} pretrained weight file(s) in {Directory} ({string.Join(", ", Files.Take(4))}{(Files.Count > 4 ? ", ..." : "")})"
        : $"no pretrained weights on this machine (looked in {(Searched.Count == 0 ? "no folder" : string.Join(", ", Searched))}; put torchvision weight files such as resnet18-*.pth there or pass --weights <dir>)";

    private static PretrainedWeights In(string directory, IReadOnlyList<string> searched)
    {
        var files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return files.Count == 0 ? new PretrainedWeights(null, [], searched) : new PretrainedWeights(directory, files, searched);
    }
}
