using AgentML.Executors.Slurm;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;

namespace AgentML.Cli.Executors;

/// <summary>The sandbox a command runs programs in: the local back end, or that back end on Slurm's nodes.</summary>
internal static class ExecutorSandboxes
{
    /// <summary>
    /// With <paramref name="slurm"/> null, the <paramref name="kind"/> back end here; else a <see cref="SlurmSandbox"/>
    /// that runs each program as a job whose node runs it in the <paramref name="kind"/> back end.
    /// </summary>
    public static ISandbox Create(string kind, SlurmOptions? slurm, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        if (slurm is null)
        {
            return new SandboxFactory(loggers, time).Create(kind);
        }

        Directory.CreateDirectory(slurm.JobsDirectory);
        var runner = new SlurmJobRunner(new SlurmClient(slurm, loggers.CreateLogger<SlurmClient>()), slurm, time, loggers.CreateLogger<SlurmJobRunner>());
        return new SlurmSandbox(kind, runner, pythonPath: null, loggers.CreateLogger<SlurmSandbox>());
    }
}
