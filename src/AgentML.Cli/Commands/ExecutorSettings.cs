using System.ComponentModel;
using AgentML.Executors;
using AgentML.Executors.Slurm;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Where programs or bench runs execute (`--executor local|slurm`) and the Slurm options; shared by solve and bench.</summary>
internal class ExecutorStoreSettings : StoreCommandSettings
{
    [CommandOption("--executor <KIND>")]
    [Description("local (default: this machine) or slurm (one sbatch job per program or bench run; see docs/scale-out.md).")]
    public string Executor { get; init; } = ExecutorKinds.Local;

    [CommandOption("--partition <NAME>")]
    [Description("slurm: the partition (sbatch --partition).")]
    public string? Partition { get; init; }

    [CommandOption("--account <NAME>")]
    [Description("slurm: the account to charge (sbatch --account).")]
    public string? Account { get; init; }

    [CommandOption("--qos <NAME>")]
    [Description("slurm: the quality of service (sbatch --qos).")]
    public string? Qos { get; init; }

    [CommandOption("--slurm-cpus <N>")]
    [Description("slurm: CPUs per job (default: the program's threads).")]
    public int? SlurmCpus { get; init; }

    [CommandOption("--slurm-mem <MB>")]
    [Description("slurm: memory per job in MiB (default: the program's limit plus 512).")]
    public int? SlurmMem { get; init; }

    [CommandOption("--gres <SPEC>")]
    [Description("slurm: generic resources such as GPUs, e.g. gpu:1 (sbatch --gres).")]
    public string? Gres { get; init; }

    [CommandOption("--sbatch-arg <ARG>")]
    [Description("slurm: one more sbatch argument, e.g. --sbatch-arg=--constraint=skylake; repeatable.")]
    public string[] SbatchArgs { get; init; } = [];

    [CommandOption("--shared-dir <DIR>")]
    [Description("slurm: a folder every node sees at the same path, for job scripts, specs, output and results (default ./slurm-shared).")]
    public string? SharedDir { get; init; }

    /// <summary>The executor kind, validated.</summary>
    public string ExecutorKind => ExecutorKinds.Validate(Executor);

    /// <summary>The Slurm options, or null for the local executor.</summary>
    public SlurmOptions? ToSlurmOptions()
    {
        if (ExecutorKind != ExecutorKinds.Slurm)
        {
            return null;
        }

        var options = new SlurmOptions
        {
            Partition = Partition,
            Account = Account,
            Qos = Qos,
            Cpus = SlurmCpus,
            MemoryMb = SlurmMem,
            Gres = Gres,
            ExtraArgs = SbatchArgs,
            SharedDirectory = Path.GetFullPath(SharedDir ?? "slurm-shared"),
        };
        return options.Validate();
    }
}
