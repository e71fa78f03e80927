using LiteDB;

namespace AgentML.Store.Runs;

/// <summary>Node operators.</summary>
public static class NodeOperator
{
    public const string Draft = "draft";
    public const string Improve = "improve";
    public const string Debug = "debug";
    public const string Merge = "merge";
}

/// <summary>Node status values (as agents see them).</summary>
public static class NodeStatus
{
    /// <summary>Created; the agent is writing its program.</summary>
    public const string Pending = "pending";

    /// <summary>Its program is being evaluated.</summary>
    public const string Running = "running";

    /// <summary>Evaluated at full fidelity with a valid score.</summary>
    public const string Ok = "ok";

    /// <summary>Failed: agent error, program error, timeout or invalid submission.</summary>
    public const string Buggy = "buggy";

    /// <summary>Works, but early scoring decided it cannot beat the best (not promoted or stopped).</summary>
    public const string Pruned = "pruned";

    public static bool IsFinished(string status) => status is Ok or Buggy or Pruned;
}

/// <summary>One node of the search tree (collection "nodes"). Stage and debug depth are derived, not stored.</summary>
public sealed class NodeRecord
{
    /// <summary>Database key: "&lt;run-id&gt;/&lt;node-id&gt;".</summary>
    [BsonId]
    public string Key { get; set; } = "";

    /// <summary>Node id within the run, e.g. "n007".</summary>
    public string Id { get; set; } = "";

    public string RunId { get; set; } = "";

    /// <summary>Creation order within the run (1-based).</summary>
    public int Number { get; set; }

    /// <summary>Parents: none for a draft, one for improve/debug, two for a merge.</summary>
    public List<string> ParentIds { get; set; } = [];

    public string Operator { get; set; } = NodeOperator.Draft;

    /// <summary>For drafts: which of the run's draft plans it implements.</summary>
    public int? PlanIndex { get; set; }

    public string Plan { get; set; } = "";

    public string Code { get; set; } = "";

    public string? Recipe { get; set; }

    public string Status { get; set; } = NodeStatus.Pending;

    /// <summary>The orchestrator's full-fidelity score on the development split.</summary>
    public double? Score { get; set; }

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
