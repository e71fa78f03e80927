using System.ComponentModel;
using AgentML.Bench.Competitions;
using AgentML.Bench.Running;
using AgentML.Cli.Bench;
using AgentML.Cli.Hosting;
using AgentML.Core.Tasks;
using AgentML.Executors.Remote;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// The node side of the Slurm executor (hidden): `agentml executor sandbox-job &lt;folder&gt;` runs one program,
/// `agentml executor bench-run &lt;folder&gt;` one bench run. The coordinator writes the folder and submits the job.
/// </summary>
internal static class ExecutorCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("executor", executor =>
        {
            executor.SetDescription("Node side of the Slurm executor (started by the jobs it submits).");
            executor.HideBranch();
            executor.AddCommand<SandboxJobCommand>("sandbox-job").WithDescription("Run the sandbox job of a job folder and write its result.");
            executor.AddCommand<BenchRunJobCommand>("bench-run").WithDescription("Run the bench run of a job folder and write its result.");
        });
    }
}

/// <summary>Settings of the worker commands: the job folder.</summary>
internal sealed class JobFolderSettings : CommandSettings
{
    [CommandArgument(0, "<FOLDER>")]
    [Description("The job folder (spec.json) on the shared folder.")]
    public string Folder { get; init; } = "";

    [CommandOption("-v|--verbose")]
    public bool Verbose { get; init; }
}

/// <summary>`agentml executor sandbox-job &lt;folder&gt;`.</summary>
internal sealed class SandboxJobCommand : AsyncCommand<JobFolderSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobFolderSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new CommandHost(settings.Verbose, cancellationToken);
        var worker = new SandboxJobWorker(new SandboxFactory(host.LoggerFactory, host.Time), Console.Out);
        return await worker.RunAsync(settings.Folder, host.Cancellation).ConfigureAwait(false);
    }
}

/// <summary>`agentml executor bench-run &lt;folder&gt;`.</summary>
internal sealed class BenchRunJobCommand : AsyncCommand<JobFolderSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobFolderSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new CommandHost(settings.Verbose, cancellationToken);
        var owned = new List<IDisposable>();
        try
        {
            var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader(), host.LoggerFactory.CreateLogger<CompetitionCatalog>());
            var worker = new BenchRunWorker(catalog, (spec, db) => BenchHost.CreateAgent(spec, db, host.LoggerFactory, owned), host.Time, host.LoggerFactory.CreateLogger<BenchRunWorker>());
            return await worker.RunAsync(settings.Folder, host.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            foreach (var d in owned)
            {
                d.Dispose();
            }
        }
    }
}
