using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>One solve run (collection "runs"). Saved whenever it changes.</summary>
public sealed class RunRecord
{
    public string Id { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string TaskName { get; set; } = "";

    /// <summary>The task folder the run solves (absolute).</summary>
    public string TaskFolder { get; set; } = "";

    public string Metric { get; set; } = "";

    public bool HigherIsBetter { get; set; }

    /// <summary>running, finished or failed (a killed process leaves "running"; resume continues it).</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The run's settings as JSON (time budget, seed, policy, sandbox, model, ...).</summary>
    public string SettingsJson { get; set; } = "{}";

    /// <summary>The development split as JSON (seed, rows, stratified, low-fidelity fraction).</summary>
    public string SplitJson { get; set; } = "{}";

    /// <summary>The run's artifacts folder (runs/&lt;run-id&gt;).</summary>
    public string OutputDirectory { get; set; } = "";

    /// <summary>Wall-clock seconds used by all sessions of this run so far.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>How many times the run was started (1 + resumes).</summary>
    public int Sessions { get; set; }

    /// <summary>The planner's draft plans (JSON), kept so a resumed run drafts the same ideas.</summary>
    public string DraftPlansJson { get; set; } = "[]";

    /// <summary>The run's greedy ensemble over its nodes' out-of-fold predictions (null until two nodes work).</summary>
    public EnsembleRecord? Ensemble { get; set; }

    /// <summary>Nodes whose program repeated an earlier node's and was therefore not run.</summary>
    public int Repeats { get; set; }

    public string? BestNodeId { get; set; }

    public double? BestScore { get; set; }

    /// <summary>Sandbox seconds spent on candidate runs.</summary>
    public double ComputeSpentSeconds { get; set; }

    /// <summary>Sandbox seconds early scoring saved (skipped promotions, stopped runs), estimated.</summary>
    public double ComputeSavedSeconds { get; set; }

    public int LowFidelityRuns { get; set; }

    public int FullFidelityRuns { get; set; }

    /// <summary>Candidates whose low-fidelity score did not justify a full run.</summary>
    public int NotPromoted { get; set; }

    /// <summary>Full runs cancelled from their AGENTML_METRIC lines.</summary>
    public int StoppedEarly { get; set; }

    /// <summary>Spearman correlation of low-fidelity against full scores (nodes with both), when there are enough.</summary>
    public double? SpearmanFidelity { get; set; }

    public int SpearmanFidelityPairs { get; set; }

    /// <summary>Spearman correlation of the programs' own CV mean (AGENTML_METRIC) against the orchestrator's full score.</summary>
    public double? SpearmanEarlyMetric { get; set; }

    public int SpearmanEarlyMetricPairs { get; set; }

    /// <summary>The node whose program produced the submission.</summary>
    public string? FinalNodeId { get; set; }

    public string? SubmissionPath { get; set; }

    /// <summary>Grade of the final submission on the task's private answers, when the task folder has them.</summary>
    public double? TestScore { get; set; }

    /// <summary>A note for the user (e.g. why the run failed).</summary>
    public string? Message { get; set; }

    public decimal LlmCost { get; set; }
}

/// <summary>The run's ensemble: members with weights and how it compares with the best single node.</summary>
public sealed class EnsembleRecord
{
    public List<EnsembleMemberRecord> Members { get; set; } = [];

    /// <summary>The task's metric on the ensemble's out-of-fold predictions (all training rows).</summary>
    public double Score { get; set; }

    /// <summary>The metric on the sealed check rows.</summary>
    public double? CheckScore { get; set; }

    /// <summary>The best single node it is compared with, and that node's out-of-fold score.</summary>
    public string BestNodeId { get; set; } = "";

    public double BestNodeScore { get; set; }

    /// <summary>True when the ensemble's out-of-fold score beats the best node's: its test predictions are the submission.</summary>
    public bool Wins { get; set; }

    /// <summary>Candidates considered and greedy rounds run (for the report).</summary>
    public int Candidates { get; set; }

    public int Rounds { get; set; }
}

/// <summary>One ensemble member and its weight (weights sum to 1).</summary>
public sealed class EnsembleMemberRecord
{
    public string NodeId { get; set; } = "";

    public double Weight { get; set; }
}
