using System.Text.Json;

namespace AgentML.Search.Data;

/// <summary>
/// The development split the orchestrator made from the task's training data (recorded with the run). Input
/// folders are mounted into sandboxes; the answers file never is.
/// </summary>
public sealed record DevSplit
{
    public int Seed { get; init; }

    public bool Stratified { get; init; }

    /// <summary>Rows of the task's train.csv.</summary>
    public int SourceRows { get; init; }

    public int TrainRows { get; init; }

    public int TestRows { get; init; }

    /// <summary>
    /// Rows of the task's real test set appended to the full-fidelity test.csv after the held-out rows (0 when not):
    /// candidates then predict the real test set too, which gives a submission without the final re-run.
    /// </summary>
    public int TaskTestRows { get; init; }

    public bool PredictsTaskTest => TaskTestRows > 0;

    /// <summary>Training rows of the low-fidelity input (0 when low fidelity is off).</summary>
    public int LowTrainRows { get; init; }

    /// <summary>Input folder at full fidelity: train.csv, test.csv, sample_submission.csv and the task's other files.</summary>
    public required string FullInputDirectory { get; init; }

    /// <summary>Input folder at low fidelity (subsampled train.csv, same test set); null when off.</summary>
    public string? LowInputDirectory { get; init; }

    /// <summary>Held-out answers in the task's answers layout.</summary>
    public required string AnswersPath { get; init; }

    public bool HasLowFidelity => LowInputDirectory is not null;

    public double LowFraction => TrainRows == 0 ? 0 : (double)LowTrainRows / TrainRows;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static DevSplit? FromJson(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? null : JsonSerializer.Deserialize<DevSplit>(json);

    /// <summary>True when every file the split needs is on disk.</summary>
    public bool FilesExist() =>
        File.Exists(AnswersPath)
        && File.Exists(Path.Combine(FullInputDirectory, "train.csv"))
        && (LowInputDirectory is null || File.Exists(Path.Combine(LowInputDirectory, "train.csv")));
}
