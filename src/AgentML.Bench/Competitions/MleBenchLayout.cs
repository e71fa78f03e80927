using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Competitions;

/// <summary>Reads one competition of MLE-bench's prepared data directory with the help of the registry.</summary>
public static class MleBenchLayout
{
    /// <summary>
    /// True when <paramref name="folder"/> is a competition of MLE-bench's prepared data directory: <c>&lt;data&gt;/&lt;id&gt;</c>
    /// with <c>prepared/public</c>, or <c>&lt;data&gt;/&lt;id&gt;/prepared</c> itself.
    /// </summary>
    public static bool IsCompetitionFolder(string folder) => PreparedOf(folder) is not null;

    /// <summary>The competition id of a folder <see cref="IsCompetitionFolder"/> accepts (the name of <c>&lt;id&gt;</c>).</summary>
    public static string IdOf(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return string.Equals(Path.GetFileName(full), "prepared", StringComparison.Ordinal) && !Directory.Exists(Path.Combine(full, "prepared", "public"))
            ? Path.GetFileName(Path.GetDirectoryName(full)!)
            : Path.GetFileName(full);
    }

    private static string? PreparedOf(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(Path.Combine(full, "prepared", "public")))
        {
            return Path.Combine(full, "prepared");
        }

        return string.Equals(Path.GetFileName(full), "prepared", StringComparison.Ordinal) && Directory.Exists(Path.Combine(full, "public"))
            ? full
            : null;
    }

    /// <summary>Builds the competition from the registry entry; throws <see cref="UserFacingException"/> naming a missing file.</summary>
    public static BenchCompetition Load(string folder, RegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var prepared = PreparedOf(folder) ?? throw new UserFacingException($"{folder}: not MLE-bench's prepared layout (expected {folder}/prepared/public).");
        folder = Path.GetDirectoryName(prepared)!;
        string PathOf(string relative, string what)
        {
            // A path ending in "/" is a folder (smartphone-decimeter-2022's train/ of one folder per drive and phone).
            var path = Path.Combine(prepared, relative);
            if (relative.EndsWith('/') ? !Directory.Exists(path) : !File.Exists(path))
            {
                throw new UserFacingException($"{entry.Id}: the {what} {(relative.EndsWith('/') ? "folder" : "file")} {path} is missing (expected by MLE-bench's layout).");
            }

            return path;
        }

        var sample = PathOf(entry.SampleSubmission, "sample submission");
        var archives = MleBenchFiles.Archives(entry, prepared);
        // Labels in the train files' paths (no train table): the table is built here and written when the data are staged.
        var trainFromPaths = entry.Files is { TrainTableFromPaths: not null } pathFiles ? MleBenchFiles.TrainTable(entry, pathFiles, prepared, archives) : null;
        var train = trainFromPaths is null ? PathOf(entry.Train, "train") : Path.Combine(prepared, entry.Train);
        // No test table: the test rows are the sample submission's ids (files in files.test_folder, or rows of other tables).
        var testFromSample = entry.Test.Length == 0;

        var fileColumns = entry.Files is { } files
            ? [MleBenchFiles.Column(entry, files, prepared, trainFromPaths?.Table ?? CsvTable.Read(train), archives)]
            : Array.Empty<FileColumn>();
        var targets = entry.TargetColumnsFromSampleSubmission
            ? CsvHeader.Read(sample).Where(c => c != entry.IdColumn).ToArray()
            : entry.TargetColumns.ToArray();
        var publicDir = Path.Combine(prepared, "public");
        var descriptionPath = Path.Combine(publicDir, "description.md");
        var format = ParseFormat(entry.SubmissionFormat, entry.Id);
        var task = new TaskSpec
        {
            Id = entry.Id,
            Name = entry.Name,
            RootDirectory = Path.GetFullPath(folder),
            PublicDirectory = publicDir,
            TrainPath = train,
            TestPath = testFromSample ? sample : PathOf(entry.Test, "test"),
            SampleSubmissionPath = sample,
            AnswersPath = PathOf(entry.Answers, "answers"),
            Description = File.Exists(descriptionPath) ? File.ReadAllText(descriptionPath) : "",
            Metric = entry.Metric,
            IdColumn = entry.IdColumn,
            TargetColumns = targets,
            TrainTargetColumns = entry.TrainTargetColumns.ToArray(),
            TaskType = ParseType(entry.TaskType, entry.Id),
            SubmissionFormat = format,
            ClassLabels = format == SubmissionFormat.ClassProbabilities ? targets.Order(StringComparer.Ordinal).ToArray() : [],
            PositiveLabel = entry.PositiveLabel,
            TestFromSampleSubmission = testFromSample,
            TestFolder = testFromSample ? fileColumns.FirstOrDefault()?.TestFolders[0] : null,
            FileColumns = fileColumns,
        };
        return new BenchCompetition
        {
            Task = task,
            Source = CompetitionSource.MleBench,
            Complexity = entry.Complexity,
            Archives = archives,
            Tables = trainFromPaths is null ? [] : [trainFromPaths],
            MleBenchGrading = new Grading.MleBenchGrading(entry.Metric, entry.IdColumn, targets,
                entry.Grading ?? throw new InvalidOperationException($"Registry entry {entry.Id} has no grading rules.")),
        };
    }

    private static TaskType ParseType(string value, string id) => value switch
    {
        "binary" => TaskType.Binary,
        "multiclass" => TaskType.Multiclass,
        "multi_label" => TaskType.MultiLabel,
        "regression" => TaskType.Regression,
        _ => throw new InvalidOperationException($"Registry entry {id}: unknown task_type '{value}'."),
    };

    private static SubmissionFormat ParseFormat(string value, string id) => value switch
    {
        "label" => SubmissionFormat.Label,
        "probability" => SubmissionFormat.Probability,
        "class_probabilities" => SubmissionFormat.ClassProbabilities,
        "value" => SubmissionFormat.Value,
        "multi_label_probabilities" => SubmissionFormat.MultiLabelProbabilities,
        _ => throw new InvalidOperationException($"Registry entry {id}: unknown submission_format '{value}'."),
    };
}
