using AgentML.Core.Tasks;

namespace AgentML.Bench.Competitions;

/// <summary>Reads one competition of MLE-bench's prepared data directory with the help of the registry.</summary>
public static class MleBenchLayout
{
    /// <summary>True when <paramref name="folder"/> looks like <c>&lt;data&gt;/&lt;id&gt;</c> with <c>prepared/public</c>.</summary>
    public static bool IsCompetitionFolder(string folder) => Directory.Exists(Path.Combine(folder, "prepared", "public"));

    /// <summary>Builds the competition from the registry entry; throws <see cref="UserFacingException"/> naming a missing file.</summary>
    public static BenchCompetition Load(string folder, RegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var prepared = Path.GetFullPath(Path.Combine(folder, "prepared"));
        string PathOf(string relative, string what)
        {
            var path = Path.Combine(prepared, relative);
            if (!File.Exists(path))
            {
                throw new UserFacingException($"{entry.Id}: the {what} file {path} is missing (expected by MLE-bench's layout).");
            }

            return path;
        }

        var sample = PathOf(entry.SampleSubmission, "sample submission");
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
            TrainPath = PathOf(entry.Train, "train"),
            TestPath = PathOf(entry.Test, "test"),
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
        };
        return new BenchCompetition
        {
            Task = task,
            Source = CompetitionSource.MleBench,
            Complexity = entry.Complexity,
            Adjustments = new GradingAdjustments { ProjectToTargets = true, SkipNegativeAnswerRows = entry.AnswerRowsSkipNegative },
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
