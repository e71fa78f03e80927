using AgentML.Core.Runs;

namespace AgentML.Store.Runs;

/// <summary>One AGENTML_METRIC line as stored.</summary>
public sealed class MetricPoint
{
    public string Name { get; set; } = "";

    public int Step { get; set; }

    public double Value { get; set; }

    public double ElapsedSeconds { get; set; }
}

/// <summary>One sandbox run of a node's program (collection "executions").</summary>
public sealed class ExecutionRecord
{
    /// <summary>Database key: "&lt;run-id&gt;/&lt;node-id&gt;/&lt;fidelity&gt;".</summary>
    public string Key { get; set; } = "";

    public string RunId { get; set; } = "";

    public string NodeId { get; set; } = "";

    /// <summary>The task, so the early-score predictor can learn from every run of it in the store.</summary>
    public string TaskId { get; set; } = "";

    public string Metric { get; set; } = "";

    public Fidelity Fidelity { get; set; } = Fidelity.Full;

    /// <summary>Share of the development training rows used (1 at full fidelity).</summary>
    public double TrainFraction { get; set; } = 1;

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>ok, error, timeout, out-of-memory, killed, stopped-early, invalid-submission.</summary>
    public ExecutionReason Reason { get; set; }

    public double DurationSeconds { get; set; }

    public long? PeakMemoryBytes { get; set; }

    public List<MetricPoint> EarlyMetrics { get; set; } = [];

    public double? Score { get; set; }

    public string? Error { get; set; }

    /// <summary>Output head and tail (bounded).</summary>
    public string Output { get; set; } = "";

    public static string MakeKey(string runId, string nodeId, Fidelity fidelity) => runId + "/" + nodeId + "/" + fidelity.ToText();
}
