namespace AgentML.Store.Bench;

/// <summary>A bench: what was run (inputs, agent, seeds, splits) so that it can be resumed and re-reported.</summary>
public sealed class BenchDocument
{
    /// <summary>The bench id (e.g. bench-20261129-131500-ab12).</summary>
    public string Id { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>A one-line description of the agent (e.g. "agentml builtin 2m process").</summary>
    public string Agent { get; set; } = "";

    /// <summary>The bench's options as JSON (owned by AgentML.Bench; opaque to the store).</summary>
    public string OptionsJson { get; set; } = "{}";

    /// <summary>The competitions of the bench, in order.</summary>
    public List<string> CompetitionIds { get; set; } = [];

    public List<int> Seeds { get; set; } = [];

    /// <summary>Split name → competition ids in it (always holds "all").</summary>
    public Dictionary<string, List<string>> Splits { get; set; } = [];

    /// <summary>The folder holding the bench's reports and each run's files.</summary>
    public string OutputDirectory { get; set; } = "";

    /// <summary>Competition id → metric name, for reports.</summary>
    public Dictionary<string, string> Metrics { get; set; } = [];

    /// <summary>Remarks shown in the reports (e.g. split ids that had no data).</summary>
    public List<string> Notes { get; set; } = [];
}

/// <summary>The state of one (competition, seed) run of a bench.</summary>
public enum BenchRunStatus
{
    Pending,
    Running,
    Finished,
}

/// <summary>One run: an agent on one competition with one seed, and its grade.</summary>
public sealed class BenchRunDocument
{
    /// <summary>"{bench id}/{competition id}/{seed}".</summary>
    public string Id { get; set; } = "";

    public string BenchId { get; set; } = "";

    public string CompetitionId { get; set; } = "";

    public int Seed { get; set; }

    public BenchRunStatus Status { get; set; }

    /// <summary>How the agent ended: completed, crashed, timeout, killed, error (null until it ran).</summary>
    public string? AgentOutcome { get; set; }

    public int? ExitCode { get; set; }

    public double DurationSeconds { get; set; }

    /// <summary>A short note (the agent's error, the sandbox's message).</summary>
    public string? Message { get; set; }

    /// <summary>The 16-field MLE-bench report as JSON (null until graded).</summary>
    public string? ReportJson { get; set; }

    /// <summary>The run's folder (submission/, logs/, code/).</summary>
    public string RunDirectory { get; set; } = "";

    /// <summary>How many times the run was started (a resumed run that was interrupted counts twice).</summary>
    public int Attempts { get; set; }

    /// <summary>The executor's job of the current attempt (a Slurm job id), so that a resumed bench re-attaches to it.</summary>
    public string? JobId { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    public static string MakeId(string benchId, string competitionId, int seed) =>
        $"{benchId}/{competitionId}/{seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
