namespace AgentML.Sandbox;

/// <summary>Why a run ended.</summary>
public enum SandboxReason
{
    /// <summary>Exit code 0.</summary>
    Ok,

    /// <summary>Non-zero exit (an exception, a crash).</summary>
    Error,

    Timeout,

    OutOfMemory,

    /// <summary>Cancelled by the caller (e.g. in-run early stopping).</summary>
    Killed,
}

/// <summary>An AGENTML_METRIC line: {"name": ..., "step": k, "value": v}, with the time since start.</summary>
public sealed record MetricLine(string Name, int Step, double Value, TimeSpan Elapsed);

/// <summary>The outcome of a run. Output is kept as a bounded head and tail.</summary>
public sealed record SandboxResult
{
    public required SandboxReason Reason { get; init; }

    public int? ExitCode { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Peak resident memory in bytes, when the back end can tell.</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>The first part of stdout+stderr (interleaved).</summary>
    public string OutputHead { get; init; } = "";

    /// <summary>The last part of stdout+stderr; empty when the whole output fits in the head.</summary>
    public string OutputTail { get; init; } = "";

    /// <summary>Total bytes the program printed.</summary>
    public long OutputBytes { get; init; }

    public IReadOnlyList<MetricLine> Metrics { get; init; } = [];

    /// <summary>A note from the sandbox (e.g. why it killed the program, weaker isolation).</summary>
    public string? Message { get; init; }

    public bool Succeeded => Reason == SandboxReason.Ok;

    /// <summary>Head and tail joined, with a marker where bytes were dropped.</summary>
    public string Output => OutputTail.Length == 0 ? OutputHead : OutputHead + "\n...[output truncated]...\n" + OutputTail;
}
