using System.Runtime.InteropServices;
using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Executors.Remote;
using Microsoft.Extensions.Logging;

namespace AgentML.Bench.Running;

/// <summary>
/// The node side of a bench run on Slurm (`agentml executor bench-run &lt;folder&gt;`): finds the competition from the
/// spec's inputs, builds the agent exactly as a local bench would, runs it with the bench's hard cap and writes its
/// result.json. The submission stays in the run folder (shared); the coordinator grades it. SIGTERM (scancel, Slurm's
/// time limit) stops the agent and still writes a result.
/// </summary>
public sealed class BenchRunWorker(CompetitionCatalog catalog, Func<AgentSpec, string, IBenchAgent> agentFactory, TimeProvider time, ILogger logger)
{
    public async Task<int> RunAsync(string folderPath, CancellationToken cancellationToken)
    {
        var folder = new JobFolder(Path.GetFullPath(folderPath));
        var spec = JobFolder.Read<BenchRunJobSpec>(folder.Spec) ?? throw new UserFacingException($"{folder.Spec}: the bench run spec is missing.");
        var competition = catalog.Discover(new CatalogOptions { Inputs = spec.Inputs, LeaderboardsDirectory = spec.LeaderboardsDirectory })
            .FirstOrDefault(c => c.Id == spec.CompetitionId)
            ?? throw new UserFacingException($"{folder.Spec}: competition {spec.CompetitionId} is not under {string.Join(", ", spec.Inputs)} on this node.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        var agent = agentFactory(spec.Agent, Path.Combine(folder.Path, "agentml.db"));
        var request = new AgentRunRequest
        {
            Competition = competition,
            Seed = spec.Seed,
            Workspace = new AgentWorkspace(spec.RunDirectory, spec.DataDirectory),
            TimeLimit = spec.TimeLimit,
        };
        logger.LogInformation("Running {Agent} on {Competition} seed {Seed} on {Host}", agent.Description, competition.Id, spec.Seed, Environment.MachineName);
        var result = await LocalBenchExecutor.RunAgentAsync(agent, request, time, logger, stop.Token).ConfigureAwait(false);
        JobFolder.WriteAtomically(folder.Result, result);
        return 0;
    }
}
