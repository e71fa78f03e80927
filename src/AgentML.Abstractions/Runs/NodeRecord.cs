using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>One node of the search tree (collection "nodes"). Stage and debug depth are derived, not stored.</summary>
public sealed class NodeRecord
{
    /// <summary>Database key: "&lt;run-id&gt;/&lt;node-id&gt;".</summary>
    public string Key { get; set; } = "";

    /// <summary>Node id within the run, e.g. "n007".</summary>
    public string Id { get; set; } = "";

    public string RunId { get; set; } = "";

    /// <summary>Creation order within the run (1-based).</summary>
    public int Number { get; set; }

    /// <summary>Parents: none for a draft, one for improve/debug, two for a merge.</summary>
    public List<string> ParentIds { get; set; } = [];

    public NodeOperator Operator { get; set; } = NodeOperator.Draft;

    /// <summary>For drafts: which of the run's draft plans it implements.</summary>
    public int? PlanIndex { get; set; }

    public string Plan { get; set; } = "";

    public string Code { get; set; } = "";

    public string? Recipe { get; set; }

    public NodeStatus Status { get; set; } = NodeStatus.Pending;

    /// <summary>The orchestrator's full-fidelity score: the task's metric on the node's out-of-fold predictions.</summary>
    public double? Score { get; set; }

    /// <summary>The score per fold of the orchestrator's folds (folds the program finished).</summary>
    public List<double> FoldScores { get; set; } = [];

    /// <summary>Share of the training rows with an out-of-fold prediction (1 when every fold finished).</summary>
    public double? Coverage { get; set; }

    /// <summary>The metric on the sealed check rows.</summary>
    public double? CheckScore { get; set; }

    /// <summary>Its out-of-fold score is far better than its check score: never chosen, never in an ensemble.</summary>
    public bool Leaky { get; set; }

    /// <summary>Low-fidelity score, when the node ran on the subsample.</summary>
    public double? LowScore { get; set; }

    /// <summary>Why it is buggy or pruned.</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Seconds since the run started when the node finished (for the score-over-time plot).</summary>
    public double? FinishedAtRunSeconds { get; set; }

    public string Agent { get; set; } = "";

    public string Model { get; set; } = "";

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public decimal Cost { get; set; }

    public List<string> Notes { get; set; } = [];

    public static string MakeKey(string runId, string nodeId) => runId + "/" + nodeId;
}
