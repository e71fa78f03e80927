using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Bench.Running;
using AgentML.Core.Tasks;
using AgentML.Store;
using AgentML.Store.Bench;
using AgentML.Testing;

namespace AgentML.Bench.Tests;

/// <summary>A bench wired to a fresh LiteDB file in a temp folder.</summary>
internal sealed class BenchHarness : IDisposable
{
    public BenchHarness()
    {
        Temp = new TempDirectory("agentml-bench");
        DbPath = Temp.Combine("agentml.db");
        Store = BenchStore.Open(DbPath);
        Runner = new BenchRunner(Store, new BenchGrader(TimeProvider.System), TimeProvider.System);
        Service = new BenchService(Store, new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader()), Runner, TimeProvider.System);
    }

    public TempDirectory Temp { get; }

    public string DbPath { get; }

    public BenchStore Store { get; }

    public BenchRunner Runner { get; }

    public BenchService Service { get; }

    public BenchOptions Options(string input, int seeds = 1, TimeSpan? limit = null, string? leaderboards = null, string? split = null, int parallel = 1) => new()
    {
        Inputs = [input],
        Seeds = BenchOptions.SeedRange(seeds),
        TimeLimit = limit ?? TimeSpan.FromSeconds(30),
        OutputDirectory = Temp.Combine("out"),
        LeaderboardsDirectory = leaderboards,
        Split = split,
        Parallel = parallel,
        Agent = new AgentSpec { Kind = AgentSpec.ExternalKind, AgentCommand = "test" },
    };

    public Task<BenchReportFiles> RunAsync(BenchOptions options, IBenchAgent agent, string? benchId = null, CancellationToken cancellationToken = default) =>
        Service.RunAsync(options, benchId, _ => agent, progress: null, cancellationToken);

    public void Dispose()
    {
        StoreDatabase.Close(DbPath);
        Temp.Dispose();
    }
}

/// <summary>An in-process agent for tests: a delegate, and a count of calls.</summary>
internal sealed class DelegateAgent(Func<AgentRunRequest, CancellationToken, Task<AgentRunResult>> run) : IBenchAgent
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Description => "test agent";

    public Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return run(request, cancellationToken);
    }

    /// <summary>An agent that writes <paramref name="submission"/> (text per competition id) and completes.</summary>
    public static DelegateAgent Writing(Func<string, string?> submission) => new((req, _) =>
    {
        var text = submission(req.Competition.Id);
        if (text is not null)
        {
            File.WriteAllText(req.Workspace.SubmissionPath, text);
        }

        return Task.FromResult(new AgentRunResult(AgentOutcome.Completed, 0, TimeSpan.FromMilliseconds(1)));
    });
}
