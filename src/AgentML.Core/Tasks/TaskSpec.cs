namespace AgentML.Core.Tasks;

/// <summary>
/// A loaded task: where its files are, what to predict and how it is graded. Produced by the task loader
/// from a task folder (competition.yaml) or inferred from a bare Kaggle-style folder.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>Task id (competition.yaml id, else the folder name).</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The task folder.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The folder a solver sees (public/ or the bare folder itself).</summary>
    public required string PublicDirectory { get; init; }

    public required string TrainPath { get; init; }

    public required string TestPath { get; init; }

    public required string SampleSubmissionPath { get; init; }

    /// <summary>The private answers file, when the task has one (never shown to a solver).</summary>
    public string? AnswersPath { get; init; }

    /// <summary>leaderboard.csv, when present.</summary>
    public string? LeaderboardPath { get; init; }

    /// <summary>The task statement (description.md text), possibly empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>Metric name as in <see cref="Metrics.MetricNames"/> (e.g. "roc_auc", "rmsle").</summary>
    public required string Metric { get; init; }

    /// <summary>The id column shared by test, sample submission and answers.</summary>
    public required string IdColumn { get; init; }

    /// <summary>The prediction columns of the submission (sample submission columns minus the id).</summary>
    public required IReadOnlyList<string> TargetColumns { get; init; }

    /// <summary>
    /// The label columns in train.csv. Usually equal to <see cref="TargetColumns"/>; for per-class probability
    /// submissions it is the single class column (e.g. "species" for columns Adelie, Chinstrap, Gentoo).
    /// </summary>
    public required IReadOnlyList<string> TrainTargetColumns { get; init; }

    public required TaskType TaskType { get; init; }

    public required SubmissionFormat SubmissionFormat { get; init; }

    /// <summary>Class labels as they appear in train.csv, sorted; empty for regression.</summary>
    public IReadOnlyList<string> ClassLabels { get; init; } = [];

    /// <summary>
    /// For per-class probability submissions: the class label of <see cref="ClassLabels"/> each target column stands
    /// for, in target order ("1" for Class_1, "Adelie" for prob_Adelie), null for a column whose class has no train row;
    /// empty for other formats.
    /// </summary>
    public IReadOnlyList<string?> TargetClassLabels { get; init; } = [];

    /// <summary>The class label a per-class target column stands for: <see cref="TargetClassLabels"/>, else the column name itself.</summary>
    public string ClassOfTarget(int targetIndex) =>
        targetIndex < TargetClassLabels.Count && TargetClassLabels[targetIndex] is { } label ? label : TargetColumns[targetIndex];

    /// <summary>For binary tasks: the label whose probability is submitted (or the "positive" label).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>The train.csv column naming each row's entity (competition.yaml <c>group_column</c>): folds and the check set keep an entity's rows together; null when rows are independent.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>The train.csv column that orders rows in time (competition.yaml <c>time_column</c>): the check set is the latest rows and the folds are contiguous blocks of time; null when rows are exchangeable.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>
    /// True when the task has no test table: the test rows are the ids of the sample submission (whose files are in
    /// <see cref="TestFolder"/>), and <see cref="TestPath"/> is the sample submission itself.
    /// </summary>
    public bool TestFromSampleSubmission { get; init; }

    /// <summary>The folder of test files (relative to the public folder) when the test set is given as a folder.</summary>
    public string? TestFolder { get; init; }

    /// <summary>Columns whose values name files of the public folder (images, audio, text), with where those files are.</summary>
    public IReadOnlyList<FileColumn> FileColumns { get; init; } = [];

    /// <summary>The image columns among <see cref="FileColumns"/>.</summary>
    public IEnumerable<FileColumn> ImageColumns => FileColumns.Where(c => c.Kind == FileKind.Image);

    /// <summary>What was inferred rather than read, and why (empty when everything came from competition.yaml).</summary>
    public IReadOnlyList<Inference> Inferences { get; init; } = [];
}

/// <summary>One inferred fact and the reason for it, e.g. ("metric", "log_loss", "description says 'logarithmic loss'").</summary>
public sealed record Inference(string Field, string Value, string Reason);
