using AgentML.Core.Data;

namespace AgentML.Core.Tasks;

/// <summary>
/// The input/ folder a solution program reads (DESIGN.md: input/train.csv, test.csv, sample_submission.csv). A task
/// folder seen for the first time may name its files otherwise (sampleSubmission.csv, train.csv.gz, train.tsv): then
/// the three files are written under the contract's names as plain CSV, beside copies of the other public files (image
/// folders included). A test set given as a folder of files gets a test.csv of the sample submission's ids.
/// </summary>
public static class TaskInput
{
    public const string TrainFile = "train.csv";
    public const string TestFile = "test.csv";
    public const string SampleSubmissionFile = "sample_submission.csv";

    /// <summary>True when the public folder already holds the three files under the contract's names.</summary>
    public static bool IsCanonical(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Roles(task).All(r => Path.GetFullPath(r.Path) == Path.GetFullPath(Path.Combine(task.PublicDirectory, r.Name)));
    }

    /// <summary>
    /// The folder to mount as input/: the public folder itself when it is canonical, else <paramref name="stagingDirectory"/>
    /// filled once (a later call reuses it).
    /// </summary>
    public static string Prepare(TaskSpec task, string stagingDirectory)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(stagingDirectory);
        if (IsCanonical(task))
        {
            return task.PublicDirectory;
        }

        var done = Path.Combine(stagingDirectory, ".staged");
        if (File.Exists(done))
        {
            return stagingDirectory;
        }

        CopyOtherFiles(task, stagingDirectory);
        foreach (var (path, name) in Roles(task))
        {
            var table = CsvTable.Read(path);
            (name == TestFile && task.TestFromSampleSubmission ? TestIds(task, table) : table).Write(Path.Combine(stagingDirectory, name));
        }

        File.WriteAllText(done, "");
        return stagingDirectory;
    }

    /// <summary>
    /// Copies the task's public files other than train, test and sample submission (image folders, extra tables, ...)
    /// into <paramref name="directory"/>, keeping their relative paths; never what <see cref="CopyPublicFiles"/> hides.
    /// </summary>
    public static void CopyOtherFiles(TaskSpec task, string directory) => CopyPublicFiles(task, directory, withInputs: false);

    /// <summary>
    /// Copies what a solution may see of the task into <paramref name="directory"/>, keeping relative paths: every public
    /// file (train, test and sample submission under their own names unless <paramref name="withInputs"/> is false), never
    /// a private folder, the answers file, the leaderboard or competition.yaml (a bare Kaggle-style folder may hold them
    /// beside the public files). Files are copied, not linked, so that a program cannot write through to the task.
    /// </summary>
    public static void CopyPublicFiles(TaskSpec task, string directory, bool withInputs = true)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        if (!Directory.Exists(task.PublicDirectory))
        {
            return;
        }

        var skip = new[] { task.AnswersPath, task.LeaderboardPath, Path.Combine(task.RootDirectory, "competition.yaml") }
            .Concat(withInputs ? [] : Roles(task).Select(r => r.Path))
            .OfType<string>().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var privateFolder = Path.GetFullPath(Path.Combine(task.RootDirectory, "private")) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(task.PublicDirectory, "*", SearchOption.AllDirectories))
        {
            var full = Path.GetFullPath(file);
            var relative = Path.GetRelativePath(task.PublicDirectory, file);
            if (!skip.Contains(full) && !full.StartsWith(privateFolder, StringComparison.Ordinal) && !relative.StartsWith("private", StringComparison.Ordinal))
            {
                var target = Path.Combine(directory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    /// <summary>A test set given as a folder: test.csv is the sample submission's id column (no prediction columns).</summary>
    private static CsvTable TestIds(TaskSpec task, CsvTable sample)
    {
        var id = sample.ColumnIndex(task.IdColumn);
        return id < 0 ? sample : new CsvTable([task.IdColumn], sample.Rows.Select(r => new[] { r[id] }).ToList());
    }

    private static (string Path, string Name)[] Roles(TaskSpec task) =>
        [(task.TrainPath, TrainFile), (task.TestPath, TestFile), (task.SampleSubmissionPath, SampleSubmissionFile)];
}
