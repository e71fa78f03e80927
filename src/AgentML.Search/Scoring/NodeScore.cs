namespace AgentML.Search.Scoring;

/// <summary>How the orchestrator judged one execution: out-of-fold score and its folds, the sealed check, leakage.</summary>
internal sealed record NodeScore
{
    /// <summary>The task's metric on the out-of-fold predictions of every training row the program predicted.</summary>
    public double? Score { get; init; }

    /// <summary>The metric per fold (folds the program finished).</summary>
    public IReadOnlyList<double> FoldScores { get; init; } = [];

    /// <summary>Share of the training rows with an out-of-fold prediction (1 when every fold finished).</summary>
    public double Coverage { get; init; }

    /// <summary>The metric on the sealed check rows (null when the run has none).</summary>
    public double? CheckScore { get; init; }

    /// <summary>The out-of-fold score is better than the check score by more than the two estimates' noise explains.</summary>
    public bool Leaky { get; init; }

    /// <summary>A digest of the out-of-fold predictions (<see cref="AlignedPredictions.Digest"/>).</summary>
    public string? PredictionsDigest { get; init; }

    /// <summary>Why the predictions are unusable (the node is buggy), or null.</summary>
    public string? Error { get; init; }

    /// <summary>A remark for the node (partial coverage, the leak test's figures).</summary>
    public string? Note { get; init; }

    public static NodeScore Invalid(string error) => new() { Error = error };
}
