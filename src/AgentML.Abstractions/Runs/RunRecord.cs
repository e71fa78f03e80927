using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>
/// One solve run (collection "runs"). Saved whenever it changes. Immutable: a change is a new record made with
/// <c>with</c>, stored and saved by the run's state (Search's <c>RunState</c>).
/// </summary>
public sealed record RunRecord
{
    public string Id { get; init; } = "";

    public string TaskId { get; init; } = "";

    public string TaskName { get; init; } = "";

    /// <summary>The task folder the run solves (absolute).</summary>
    public string TaskFolder { get; init; } = "";

    public string Metric { get; init; } = "";

    public bool HigherIsBetter { get; init; }

    /// <summary>running, finished or failed (a killed process leaves "running"; resume continues it).</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    /// <summary>The run's settings as JSON (time budget, seed, policy, sandbox, model, ...).</summary>
    public string SettingsJson { get; init; } = "{}";

    /// <summary>The development split as JSON (seed, rows, stratified, low-fidelity fraction).</summary>
    public string SplitJson { get; init; } = "{}";

    /// <summary>The run's artifacts folder (runs/&lt;run-id&gt;).</summary>
    public string OutputDirectory { get; init; } = "";

    /// <summary>Wall-clock seconds used by all sessions of this run so far.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>How many times the run was started (1 + resumes).</summary>
    public int Sessions { get; init; }

    /// <summary>The planner's draft plans (JSON), kept so a resumed run drafts the same ideas.</summary>
    public string DraftPlansJson { get; init; } = "[]";

    /// <summary>The run's greedy ensemble over its nodes' out-of-fold predictions (null until two nodes work).</summary>
    public EnsembleRecord? Ensemble { get; init; }

    /// <summary>Nodes whose program repeated an earlier node's and was therefore not run.</summary>
    public int Repeats { get; init; }

    public string? BestNodeId { get; init; }

    public double? BestScore { get; init; }

    /// <summary>Sandbox seconds spent on candidate runs.</summary>
    public double ComputeSpentSeconds { get; init; }

    /// <summary>Sandbox seconds early scoring saved (skipped promotions, stopped runs), estimated.</summary>
    public double ComputeSavedSeconds { get; init; }

    public int LowFidelityRuns { get; init; }

    public int FullFidelityRuns { get; init; }

    /// <summary>Candidates whose low-fidelity score did not justify a full run.</summary>
    public int NotPromoted { get; init; }

    /// <summary>Full runs cancelled from their AGENTML_METRIC lines.</summary>
    public int StoppedEarly { get; init; }

    /// <summary>Spearman correlation of low-fidelity against full scores (nodes with both), when there are enough.</summary>
    public double? SpearmanFidelity { get; init; }

    public int SpearmanFidelityPairs { get; init; }

    /// <summary>Spearman correlation of the programs' own CV mean (AGENTML_METRIC) against the orchestrator's full score.</summary>
    public double? SpearmanEarlyMetric { get; init; }

    public int SpearmanEarlyMetricPairs { get; init; }

    /// <summary>The node whose program produced the submission.</summary>
    public string? FinalNodeId { get; init; }

    public string? SubmissionPath { get; init; }

    /// <summary>Grade of the final submission on the task's private answers, when the task folder has them.</summary>
    public double? TestScore { get; init; }

    /// <summary>A note for the user (e.g. why the run failed).</summary>
    public string? Message { get; init; }

    public decimal LlmCost { get; init; }
}

/// <summary>The run's ensemble: members with weights and how it compares with the best single node.</summary>
public sealed record EnsembleRecord
{
    public IReadOnlyList<EnsembleMemberRecord> Members { get; init; } = [];

    /// <summary>The task's metric on the ensemble's out-of-fold predictions (all training rows).</summary>
    public double Score { get; init; }

    /// <summary>The metric on the sealed check rows.</summary>
    public double? CheckScore { get; init; }

    /// <summary>The best single node it is compared with, and that node's out-of-fold score.</summary>
    public string BestNodeId { get; init; } = "";

    public double BestNodeScore { get; init; }

    /// <summary>
    /// True when its test predictions are the submission: its out-of-fold score beats the best node's, or it started
    /// from two or more nodes within the fold noise of the best and stays within that noise.
    /// </summary>
    public bool Wins { get; init; }

    /// <summary>Candidates considered and greedy rounds run (for the report).</summary>
    public int Candidates { get; init; }

    /// <summary>Nodes within the fold noise of the best that the selection started from (0: it started empty).</summary>
    public int Start { get; init; }

    public int Rounds { get; init; }
}

/// <summary>One ensemble member and its weight (weights sum to 1).</summary>
public sealed record EnsembleMemberRecord
{
    public string NodeId { get; init; } = "";

    public double Weight { get; init; }
}
