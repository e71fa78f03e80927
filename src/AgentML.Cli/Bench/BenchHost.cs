using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Bench.Running;
using AgentML.Cli.Hosting;
using AgentML.Store;
using AgentML.Core.Tasks;
using AgentML.Executors;
using AgentML.Executors.Slurm;
using AgentML.Store.Bench;
using Microsoft.Extensions.Logging;

namespace AgentML.Cli.Bench;

/// <summary>Wires the bench services for the CLI: store, catalog, grader, runner, and the agent factory.</summary>
internal sealed class BenchHost : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private readonly CommandHost _host;

    public BenchHost(string dbPath, bool verbose, CancellationToken cancellationToken)
    {
        DbPath = Path.GetFullPath(dbPath);
        _host = new CommandHost(verbose, cancellationToken);
        LoggerFactory = _host.LoggerFactory;
        Store = BenchStore.Open(DbPath);
        Grader = new BenchGrader(TimeProvider.System);
        Catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader(), LoggerFactory.CreateLogger<CompetitionCatalog>());
        Runner = new BenchRunner(Store, Grader, TimeProvider.System, LoggerFactory.CreateLogger<BenchRunner>(), CreateExecutor);
        Service = new BenchService(Store, Catalog, Runner, TimeProvider.System, LoggerFactory.CreateLogger<BenchService>());
    }

    public string DbPath { get; }

    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken Cancellation => _host.Cancellation;

    public ILoggerFactory LoggerFactory { get; }

    public BenchStore Store { get; }

    public BenchGrader Grader { get; }

    public CompetitionCatalog Catalog { get; }

    public BenchRunner Runner { get; }

    public BenchService Service { get; }

    /// <summary>Builds the agent of a bench from its stored spec.</summary>
    public IBenchAgent CreateAgent(AgentSpec spec) => CreateAgent(spec, DbPath, LoggerFactory, _owned);

    /// <summary>Builds an agent whose own runs (AgentML's solve) are stored in <paramref name="dbPath"/>.</summary>
    public static IBenchAgent CreateAgent(AgentSpec spec, string dbPath, ILoggerFactory loggers, ICollection<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind == AgentSpec.AgentMlKind)
        {
            return new AgentMlBenchAgent(spec, dbPath, loggers, TimeProvider.System);
        }

        var sandbox = BenchSandboxes.Create(spec.AgentImage is null ? spec.Sandbox : "docker", loggers, owned);
        var options = new ExternalAgentOptions { AgentDirectory = spec.AgentDirectory, Command = spec.AgentCommand, Image = spec.AgentImage };
        return new ExternalAgent(sandbox, options, BenchResources.Load(), loggers.CreateLogger<ExternalAgent>());
    }

    /// <summary>The executor of a bench: its runs here, or one Slurm job each (the bench's stored options say which).</summary>
    private IBenchRunExecutor CreateExecutor(BenchDocument bench, BenchOptions options)
    {
        var logger = LoggerFactory.CreateLogger<BenchRunner>();
        if (ExecutorKinds.Validate(options.Executor) != ExecutorKinds.Slurm)
        {
            return new LocalBenchExecutor(TimeProvider.System, logger);
        }

        var slurm = (options.Slurm ?? throw new UserFacingException($"Bench {bench.Id} runs on Slurm but stores no Slurm options.")).Validate();
        Directory.CreateDirectory(slurm.JobsDirectory);
        var runner = new SlurmJobRunner(new SlurmClient(slurm, LoggerFactory.CreateLogger<SlurmClient>()), slurm, TimeProvider.System, LoggerFactory.CreateLogger<SlurmJobRunner>());
        return new SlurmBenchExecutor(runner, options, bench.Id, logger);
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        StoreDatabase.Close(DbPath);
        _host.Dispose();
    }
}
