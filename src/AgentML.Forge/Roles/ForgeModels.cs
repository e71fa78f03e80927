using AgentML.Core.Data;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>A raw table to forge tasks from: where it came from, its cells and its column profile.</summary>
public sealed record RawDataset
{
    /// <summary>Short slug used in task ids (e.g. "houses" for acme__houses.csv).</summary>
    public required string Name { get; init; }

    public required string SourcePath { get; init; }

    public required CsvTable Table { get; init; }

    /// <summary>Profile of every column (TrainRows = all rows).</summary>
    public required DataProfile Profile { get; init; }

    /// <summary>Every column's values, parsed (same order as the table's columns).</summary>
    public required IReadOnlyList<ColumnData> Columns { get; init; }

    /// <summary>Integer columns whose values name groups (categorical, never numeric targets).</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Columns naming groups whose rows belong together (codes, repeating labels in blocks), finest first: group-split candidates.</summary>
    public IReadOnlyList<string> GroupColumns { get; init; } = [];

    /// <summary>How the file was read and what was repaired on the way (encoding, separator, header, number formats), for the report.</summary>
    public IReadOnlyList<string> ReadNotes { get; init; } = [];

    public ColumnData Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No column '{name}' in {SourcePath}.", nameof(name));

    public ColumnProfile ColumnProfile(string name) =>
        Profile.Column(name) ?? throw new ArgumentException($"No column '{name}' in {SourcePath}.", nameof(name));
}

/// <summary>A task idea: what to predict and how it is scored (the brainstormer's output).</summary>
public sealed record TaskCandidate
{
    public required string Target { get; init; }

    public required TaskType TaskType { get; init; }

    /// <summary>Metric name as in <see cref="Core.Metrics.MetricNames"/>.</summary>
    public required string Metric { get; init; }

    public required SubmissionFormat SubmissionFormat { get; init; }

    /// <summary>Class labels kept for the task (sorted), empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Binary probability tasks: the raw label encoded as 1 (the rest become 0).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Why this target, type and metric: one or two sentences.</summary>
    public required string Rationale { get; init; }

    /// <summary>Lower ranks are tried first.</summary>
    public int Rank { get; init; }

    /// <summary>
    /// Null for a target's main formulation; else a short name of a harder one (e.g. "logloss") that is tried only
    /// when the main formulation of the same target was rejected as near-perfect.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>Which brainstormer proposed it: "builtin" or "llm".</summary>
    public string Origin { get; init; } = ForgeOrigins.Builtin;

    /// <summary>Columns found to leak this target (by the verifiers): every design of the candidate drops them.</summary>
    public IReadOnlyList<DroppedColumn> Leaks { get; init; } = [];

    /// <summary>How the task is posed when rows come in groups: for unseen groups (the first choice) or for known ones.</summary>
    public GroupFormulation Groups { get; init; } = GroupFormulation.UnseenGroups;
}

/// <summary>
/// How a task whose rows come in groups (a repeating code column) is posed, in the order forge tries them: the first
/// formulation whose task is learnable (the baseline beats the dummy) is kept.
/// </summary>
public enum GroupFormulation
{
    /// <summary>Predict for groups never seen in training: whole groups go to train or test (the first choice).</summary>
    UnseenGroups,

    /// <summary>
    /// Predict the later rows of groups seen in training (later measurements of known subjects, next weeks of known
    /// stores): the group code is a feature and the test set is the latest rows by a time column that varies within
    /// the groups. Without such a column, the same as <see cref="OtherRowsOfKnownGroups"/>.
    /// </summary>
    LaterRowsOfKnownGroups,

    /// <summary>Predict other rows of groups seen in training (a random share of the rows): the group code is a feature.</summary>
    OtherRowsOfKnownGroups,
}

/// <summary>Who made a piece of a forged task: the builtin expert or the model.</summary>
public static class ForgeOrigins
{
    public const string Builtin = "builtin";
    public const string Llm = "llm";
}

/// <summary>How rows are split into train and test.</summary>
public enum SplitKind
{
    Random,
    Stratified,
    Time,
    Group,
}

/// <summary>The split of a design: kind, the column it follows (time or group) and the test share.</summary>
public sealed record SplitPlan(SplitKind Kind, string? Column, double TestFraction, string Reason)
{
    /// <summary>
    /// The known-groups formulation (<see cref="GroupFormulation.KnownGroups"/>): the group code kept as a feature, whose
    /// test rows must belong to groups seen in train; null for every other design.
    /// </summary>
    public string? KnownGroup { get; init; }
}

/// <summary>A column left out of the task and why.</summary>
public sealed record DroppedColumn(string Name, string Reason);

/// <summary>A full task design: the candidate, the split, the features, the statement (the designer's output).</summary>
public sealed record TaskDesign
{
    public required TaskCandidate Candidate { get; init; }

    public required string TaskId { get; init; }

    public required string Title { get; init; }

    public required string IdColumn { get; init; }

    public required SplitPlan Split { get; init; }

    /// <summary>Feature columns in the order they appear in train.csv (after the id and target).</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The features that hold free text (a solver may vectorise them).</summary>
    public IReadOnlyList<string> TextFeatures { get; init; } = [];

    /// <summary>The features that are integer codes of groups: categories, not quantities (the baseline reads them so).</summary>
    public IReadOnlyList<string> CodeFeatures { get; init; } = [];

    public IReadOnlyList<DroppedColumn> Dropped { get; init; } = [];

    /// <summary>Rows left out (missing target, rare classes), in words; empty when none.</summary>
    public IReadOnlyList<string> RowFilters { get; init; } = [];

    /// <summary>The description.md text.</summary>
    public required string Description { get; init; }

    /// <summary>Which designer made it: "builtin" or "llm" (the model's validated choices, builtin pieces where they failed).</summary>
    public string DesignedBy { get; init; } = ForgeOrigins.Builtin;

    /// <summary>What happened to the model's proposals for this design (pieces replaced by builtin ones, fallbacks); empty for builtin designs.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A task folder written by the refactorer.</summary>
public sealed record ForgedTask(TaskDesign Design, string Folder, int TrainRows, int TestRows)
{
    /// <summary>Group splits: how many groups have rows in both train and test (0 for a sound split); null for other splits.</summary>
    public int? GroupsOnBothSides { get; init; }
}

/// <summary>Which verification stage a check belongs to.</summary>
public enum VerificationStage
{
    Structural,
    Semantic,
    Execution,
}

/// <summary>One verification check: passed or not, with the evidence in words.</summary>
public sealed record VerificationCheck(VerificationStage Stage, string Name, bool Passed, string Detail)
{
    /// <summary>The features a failed check blames (a leak the designer can drop); empty when the failure is not a feature's.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public static VerificationCheck Pass(VerificationStage stage, string name, string detail) => new(stage, name, true, detail);

    public static VerificationCheck Fail(VerificationStage stage, string name, string detail) => new(stage, name, false, detail);
}

/// <summary>Scores of the execution check, recorded in the task.</summary>
public sealed record BaselineScores(string Metric, double BaselineScore, double DummyScore, double Gain, TimeSpan Duration);

/// <summary>What a verifier found for one task.</summary>
public sealed record VerifierResult(IReadOnlyList<VerificationCheck> Checks, BaselineScores? Scores = null)
{
    public bool Passed => Checks.All(c => c.Passed);
}
