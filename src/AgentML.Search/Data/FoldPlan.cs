using System.Text.Json;

namespace AgentML.Search.Data;

/// <summary>
/// The orchestrator's folds for one run (recorded with it, so a resumed run keeps them): K folds over the training rows
/// programs see, a sealed check set whose labels no program sees, and the input folders mounted into sandboxes. The
/// answers files never are.
/// </summary>
public sealed record FoldPlan
{
    public int Seed { get; init; }

    /// <summary>K: programs fit one model per fold and predict the rows of that fold out of fold.</summary>
    public int FoldCount { get; init; }

    /// <summary>How rows were dealt to folds: "time-blocked" (time column), "grouped" (group column), "stratified" (classes), "binned" (regression target), "random".</summary>
    public string Strategy { get; init; } = "random";

    /// <summary>Rows of the task's train.csv.</summary>
    public int SourceRows { get; init; }

    /// <summary>Rows of the staged train.csv (the task's rows less the check set and the rows beyond the cap).</summary>
    public int TrainRows { get; init; }

    /// <summary>Sealed rows graded on their labels after each run (0 for very small data).</summary>
    public int CheckRows { get; init; }

    /// <summary>Rows of the task's real test set staged after the check rows (0 when they could not ride along).</summary>
    public int TaskTestRows { get; init; }

    public bool PredictsTaskTest => TaskTestRows > 0;

    /// <summary>Feature columns of the task's train.csv that its test.csv lacks: left out of the staged train.csv (no model could use them on the test rows).</summary>
    public IReadOnlyList<string> TestLacksColumns { get; init; } = [];

    /// <summary>Training rows of the low-fidelity input (0 when low fidelity is off).</summary>
    public int LowTrainRows { get; init; }

    /// <summary>train.csv, folds.csv, test.csv (check rows, then the task's test rows), sample_submission.csv, other files.</summary>
    public required string FullInputDirectory { get; init; }

    /// <summary>A subsample of the training rows with their folds and the check rows as test set; null when off.</summary>
    public string? LowInputDirectory { get; init; }

    /// <summary>Labels of the staged training rows in the task's answers layout (out-of-fold grading).</summary>
    public required string TrainAnswersPath { get; init; }

    /// <summary>Labels of the check rows in the task's answers layout.</summary>
    public required string CheckAnswersPath { get; init; }

    /// <summary>
    /// The refit's input: every labelled row (the training rows, then the check rows dealt to the same K folds), folds.csv
    /// and the task's test rows; null when there is nothing to gain (no check rows) or the test set does not ride along.
    /// </summary>
    public string? RefitInputDirectory { get; init; }

    /// <summary>Labels of the refit's training rows in the task's answers layout (its out-of-fold predictions are graded).</summary>
    public string? RefitAnswersPath { get; init; }

    public bool HasLowFidelity => LowInputDirectory is not null;

    public bool HasRefitInput => RefitInputDirectory is not null && RefitAnswersPath is not null;

    public double LowFraction => TrainRows == 0 ? 0 : (double)LowTrainRows / TrainRows;

    public string FoldsPath => Path.Combine(FullInputDirectory, FoldsFile);

    /// <summary>The name of the folds file in an input folder (columns: the id column and <c>fold</c>).</summary>
    public const string FoldsFile = "folds.csv";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static FoldPlan? FromJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FoldPlan>(json);
        }
        catch (JsonException)
        {
            return null; // a run stored by an older version: its folds are made again
        }
    }

    /// <summary>True when every file the plan needs is on disk.</summary>
    public bool FilesExist() =>
        File.Exists(TrainAnswersPath) && File.Exists(CheckAnswersPath) && File.Exists(FoldsPath)
        && File.Exists(Path.Combine(FullInputDirectory, "train.csv"))
        && (LowInputDirectory is null || File.Exists(Path.Combine(LowInputDirectory, "train.csv")))
        && (RefitInputDirectory is null || (File.Exists(Path.Combine(RefitInputDirectory, FoldsFile)) && File.Exists(RefitAnswersPath)));
}
