namespace AgentML.Core.Tasks;

/// <summary>What kind of file a column names.</summary>
public enum FileKind
{
    Image,
    Audio,
    Text,
    Other,
}

/// <summary>
/// A column whose values name files in the task's public folder (images, audio, text), e.g. "id" with files
/// train/&lt;id&gt;.tif, or "image_path" holding "images/0001.png".
/// </summary>
/// <param name="Column">The column of train.csv (and of test.csv, when it has it) that names the files.</param>
/// <param name="Kind">What the files are.</param>
/// <param name="Extensions">The file extensions seen (".png"), most common first.</param>
/// <param name="Suffix">What the values lack to be a file name ("" when they are file names, ".tif" when ids).</param>
/// <param name="TrainFolders">Folders (relative to the public folder, "/" separated, "" for the folder itself) holding the train rows' files.</param>
/// <param name="TestFolders">Folders holding the test rows' files; empty when the test rows were not checked.</param>
/// <param name="FileCount">How many files of these extensions the public folder holds in all.</param>
/// <param name="Checked">How many train values were checked.</param>
/// <param name="Found">How many of the checked values name an existing file.</param>
/// <param name="Example">One resolved file, relative to the public folder.</param>
public sealed record FileColumn(
    string Column,
    FileKind Kind,
    IReadOnlyList<string> Extensions,
    string Suffix,
    IReadOnlyList<string> TrainFolders,
    IReadOnlyList<string> TestFolders,
    int FileCount,
    int Checked,
    int Found,
    string? Example)
{
    /// <summary>Dimensions of a few of the files (images only): width × height, and the colour mode seen.</summary>
    public ImageSizes? Sizes { get; init; }

    /// <summary>One line: kind, column, how many files, where the train and test files are, image sizes.</summary>
    public string Describe()
    {
        static string Folders(IReadOnlyList<string> folders) => string.Join(", ", folders.Take(3).Select(f => f.Length == 0 ? "./" : f + "/"));
        var text = $"{Kind.ToString().ToLowerInvariant()} files named by '{Column}'{(Suffix.Length > 0 ? $" + '{Suffix}'" : "")}: "
            + $"{FileCount} {string.Join("/", Extensions)} files; train in {Folders(TrainFolders)}";
        text += TestFolders.Count > 0 ? $", test in {Folders(TestFolders)}" : "";
        return Sizes is { } s ? $"{text}; {s}" : text;
    }
}

/// <summary>Width and height range of a sample of images, and whether they are grey-scale or colour.</summary>
public sealed record ImageSizes(int Sampled, int MinWidth, int MaxWidth, int MinHeight, int MaxHeight, string Mode)
{
    public override string ToString() => MinWidth == MaxWidth && MinHeight == MaxHeight
        ? $"{MinWidth}x{MinHeight} {Mode}"
        : $"{MinWidth}-{MaxWidth} x {MinHeight}-{MaxHeight} {Mode}";
}
