using System.Text.Json.Serialization;

namespace AgentML.Bench.Running;

/// <summary>Which agent a bench runs; enough to rebuild it when the bench is resumed.</summary>
public sealed record AgentSpec
{
    /// <summary>"agentml" or "external".</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "external";

    /// <summary>AgentML's --model (builtin, openai:..., ...).</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>The sandbox back end the agent's programs run in (process or docker).</summary>
    [JsonPropertyName("sandbox")] public string Sandbox { get; init; } = "process";

    [JsonPropertyName("agent_dir")] public string? AgentDirectory { get; init; }

    [JsonPropertyName("agent_cmd")] public string? AgentCommand { get; init; }

    [JsonPropertyName("agent_image")] public string? AgentImage { get; init; }

    public const string AgentMlKind = "agentml";
    public const string ExternalKind = "external";
}

/// <summary>Everything that defines a bench (stored with it, so that a resume runs the same bench).</summary>
public sealed record BenchOptions
{
    [JsonPropertyName("inputs")] public required IReadOnlyList<string> Inputs { get; init; }

    [JsonPropertyName("leaderboards")] public string? LeaderboardsDirectory { get; init; }

    /// <summary>--split: a built-in split name or a file of ids; null = every competition found.</summary>
    [JsonPropertyName("split")] public string? Split { get; init; }

    [JsonPropertyName("seeds")] public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Runs at once (bounded parallelism).</summary>
    [JsonPropertyName("parallel")] public int Parallel { get; init; } = 1;

    /// <summary>Per-run time limit.</summary>
    [JsonPropertyName("time_limit")] public required TimeSpan TimeLimit { get; init; }

    /// <summary>The bench's output folder (reports, each run's submission, logs and code).</summary>
    [JsonPropertyName("out")] public required string OutputDirectory { get; init; }

    [JsonPropertyName("agent")] public required AgentSpec Agent { get; init; }

    /// <summary>Where runs execute: "local" (this machine) or "slurm" (one job per run, see <see cref="Slurm"/>).</summary>
    [JsonPropertyName("executor")] public string Executor { get; init; } = AgentML.Executors.ExecutorKinds.Local;

    /// <summary>The Slurm options of the slurm executor.</summary>
    [JsonPropertyName("slurm")] public AgentML.Executors.Slurm.SlurmOptions? Slurm { get; init; }

    /// <summary>Makes seeds 0..count-1 (--seeds N).</summary>
    public static IReadOnlyList<int> SeedRange(int count) =>
        count < 1 ? throw new UserFacingException($"--seeds must be at least 1, got {count}.") : Enumerable.Range(0, count).ToArray();
}
