using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>
/// One node of the search tree (collection "nodes"). Stage and debug depth are derived, not stored. Immutable: a change
/// is a new record made with <c>with</c>, stored and saved by the run's state (Search's <c>RunState</c>).
/// </summary>
public sealed record NodeRecord
{
    /// <summary>Database key: "&lt;run-id&gt;/&lt;node-id&gt;".</summary>
    public string Key => MakeKey(RunId, Id);

    /// <summary>Node id within the run, e.g. "n007".</summary>
    public string Id { get; init; } = "";

    public string RunId { get; init; } = "";

    /// <summary>Creation order within the run (1-based).</summary>
    public int Number { get; init; }

    /// <summary>Parents: none for a draft, one for improve/debug, two for a merge.</summary>
    public IReadOnlyList<string> ParentIds { get; init; } = [];

    public NodeOperator Operator { get; init; } = NodeOperator.Draft;

    /// <summary>For drafts: which of the run's draft plans it implements.</summary>
    public int? PlanIndex { get; init; }

    public string Plan { get; init; } = "";

    public string Code { get; init; } = "";

    public string? Recipe { get; init; }

    public NodeStatus Status { get; init; } = NodeStatus.Pending;

    /// <summary>The orchestrator's full-fidelity score: the task's metric on the node's out-of-fold predictions.</summary>
    public double? Score { get; init; }

    /// <summary>The score per fold of the orchestrator's folds (folds the program finished).</summary>
    public IReadOnlyList<double> FoldScores { get; init; } = [];

    /// <summary>Share of the training rows with an out-of-fold prediction (1 when every fold finished).</summary>
    public double? Coverage { get; init; }

    /// <summary>The metric on the sealed check rows.</summary>
    public double? CheckScore { get; init; }

    /// <summary>Its out-of-fold score is far better than its check score: never chosen, never in an ensemble.</summary>
    public bool Leaky { get; init; }

    /// <summary>A digest of its out-of-fold predictions (values to 6 significant digits), to recognise nodes that predict the same.</summary>
    public string? PredictionsDigest { get; init; }

    /// <summary>
    /// The earlier working node whose out-of-fold predictions are identical: the change that made this node did
    /// nothing (a blend that gives a new member no weight, an option the data never triggers). The policy does not
    /// build on it, and it does not take an ensemble candidate's place.
    /// </summary>
    public string? SameAs { get; init; }

    /// <summary>Low-fidelity score, when the node ran on the subsample.</summary>
    public double? LowScore { get; init; }

    /// <summary>Why it is buggy or pruned.</summary>
    public string? Error { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    /// <summary>Seconds since the run started when the node finished (for the score-over-time plot).</summary>
    public double? FinishedAtRunSeconds { get; init; }

    public string Agent { get; init; } = "";

    public string Model { get; init; } = "";

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public decimal Cost { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public static string MakeKey(string runId, string nodeId) => runId + "/" + nodeId;
}
