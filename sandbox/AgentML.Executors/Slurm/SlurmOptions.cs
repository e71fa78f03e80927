using System.Reflection;
using System.Text.Json.Serialization;

namespace AgentML.Executors.Slurm;

/// <summary>
/// How jobs are submitted to Slurm (`sbatch`): the scheduler's placement options and the shared folder that the
/// coordinator and every compute node see at the same path. Stored with a bench, so a resume submits the same way.
/// </summary>
public sealed record SlurmOptions
{
    [JsonPropertyName("partition")] public string? Partition { get; init; }

    [JsonPropertyName("account")] public string? Account { get; init; }

    [JsonPropertyName("qos")] public string? Qos { get; init; }

    /// <summary>CPUs per job (--cpus-per-task); null = the job's thread count.</summary>
    [JsonPropertyName("cpus")] public int? Cpus { get; init; }

    /// <summary>Memory per job in MiB (--mem); null = the job's memory limit plus headroom for the worker.</summary>
    [JsonPropertyName("mem_mb")] public int? MemoryMb { get; init; }

    /// <summary>Generic resources, e.g. "gpu:1" (--gres).</summary>
    [JsonPropertyName("gres")] public string? Gres { get; init; }

    /// <summary>More sbatch arguments, passed as they are (e.g. "--constraint=skylake").</summary>
    [JsonPropertyName("extra_args")] public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>
    /// A folder every node sees at the same path: job scripts, job specs, output files and results live under
    /// &lt;shared&gt;/agentml-jobs. The data and run folders a job uses must be visible on the nodes too.
    /// </summary>
    [JsonPropertyName("shared")] public string SharedDirectory { get; init; } = Path.GetFullPath("slurm-shared");

    /// <summary>
    /// The argument vector that starts `agentml` on a node (the worker); empty = this process's own command (the
    /// agentml executable, or `dotnet agentml.dll`), which suits a shared installation.
    /// </summary>
    [JsonPropertyName("worker")] public IReadOnlyList<string> WorkerCommand { get; init; } = [];

    /// <summary>Slurm's time limit is the job's own limit plus this (start-up of the worker, output drain).</summary>
    [JsonPropertyName("time_grace")] public TimeSpan TimeGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the coordinator asks Slurm for the job's state and reads its output file.</summary>
    [JsonPropertyName("poll")] public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a preempted or node-failed job is submitted again.</summary>
    [JsonPropertyName("max_resubmits")] public int MaxResubmits { get; init; } = 2;

    /// <summary>The folder of job files under the shared folder.</summary>
    [JsonIgnore] public string JobsDirectory => Path.Combine(Path.GetFullPath(SharedDirectory), "agentml-jobs");

    /// <summary>The worker's argument vector (<see cref="WorkerCommand"/> or this process's own command).</summary>
    public IReadOnlyList<string> ResolveWorker()
    {
        if (WorkerCommand.Count > 0)
        {
            return WorkerCommand;
        }

        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }

    /// <summary>Throws <see cref="UserFacingException"/> naming the option that is out of range.</summary>
    public SlurmOptions Validate()
    {
        if (Cpus is < 1)
        {
            throw new UserFacingException($"--slurm-cpus must be at least 1, got {Cpus}.");
        }

        if (MemoryMb is < 64)
        {
            throw new UserFacingException($"--slurm-mem must be at least 64 (MiB), got {MemoryMb}.");
        }

        if (string.IsNullOrWhiteSpace(SharedDirectory))
        {
            throw new UserFacingException("--slurm-shared must name a folder that every node sees.");
        }

        if (PollInterval <= TimeSpan.Zero || TimeGrace < TimeSpan.Zero || MaxResubmits < 0)
        {
            throw new UserFacingException("Slurm options out of range: the poll interval must be positive, the grace and resubmits not negative.");
        }

        foreach (var arg in ExtraArgs)
        {
            if (!arg.StartsWith('-'))
            {
                throw new UserFacingException($"--sbatch-arg '{arg}': expected an sbatch option such as --constraint=x.");
            }
        }

        return this;
    }
}
