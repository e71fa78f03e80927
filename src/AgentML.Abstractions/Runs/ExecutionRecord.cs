using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>One AGENTML_METRIC line as stored.</summary>
public sealed record MetricPoint
{
    public string Name { get; init; } = "";

    public int Step { get; init; }

    public double Value { get; init; }

    public double ElapsedSeconds { get; init; }
}

/// <summary>
/// One sandbox run of a node's program (collection "executions"). Immutable: a change is a new record made with
/// <c>with</c>, stored and saved by the run's state (Search's <c>RunState</c>).
/// </summary>
public sealed record ExecutionRecord
{
    /// <summary>Database key: "&lt;run-id&gt;/&lt;node-id&gt;/&lt;fidelity&gt;".</summary>
    public string Key => MakeKey(RunId, NodeId, Fidelity);

    public string RunId { get; init; } = "";

    public string NodeId { get; init; } = "";

    /// <summary>The task, so the early-score predictor can learn from every run of it in the store.</summary>
    public string TaskId { get; init; } = "";

    public string Metric { get; init; } = "";

    public Fidelity Fidelity { get; init; } = Fidelity.Full;

    /// <summary>Share of the development training rows used (1 at full fidelity).</summary>
    public double TrainFraction { get; init; } = 1;

    public DateTime StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>ok, error, timeout, out-of-memory, killed, stopped-early, invalid-submission.</summary>
    public ExecutionReason Reason { get; init; }

    public double DurationSeconds { get; init; }

    public long? PeakMemoryBytes { get; init; }

    public IReadOnlyList<MetricPoint> EarlyMetrics { get; init; } = [];

    public double? Score { get; init; }

    public string? Error { get; init; }

    /// <summary>Output head and tail (bounded).</summary>
    public string Output { get; init; } = "";

    public static string MakeKey(string runId, string nodeId, Fidelity fidelity) => runId + "/" + nodeId + "/" + fidelity.ToText();
}
