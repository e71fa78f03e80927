using AgentML.Bench.Agents;
using AgentML.Store.Bench;
using Microsoft.Extensions.Logging;

namespace AgentML.Bench.Running;

/// <summary>
/// One (competition, seed) run handed to an executor: its stored document, the agent's request, and
/// <see cref="Start"/>, which resets the workspace and records a fresh attempt (Running, attempts + 1) in the store.
/// </summary>
public sealed record BenchRunWork(BenchRunDocument Run, AgentRunRequest Request, IBenchAgent Agent, Action Start, Action Save);

/// <summary>Where a bench run's agent executes: here (<see cref="LocalBenchExecutor"/>) or as a Slurm job.</summary>
public interface IBenchRunExecutor
{
    /// <summary>
    /// Runs the agent of <paramref name="work"/> (calling <see cref="BenchRunWork.Start"/> before a fresh attempt) and
    /// returns how it ended. Agent failures become the outcome; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<AgentRunResult> RunAsync(BenchRunWork work, CancellationToken cancellationToken);
}

/// <summary>Runs the agent in this process, stopped at the time limit plus its grace (<see cref="BenchRunner.HardCap"/>).</summary>
public sealed class LocalBenchExecutor(TimeProvider time, ILogger logger) : IBenchRunExecutor
{
    public async Task<AgentRunResult> RunAsync(BenchRunWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.Start();
        return await RunAgentAsync(work.Agent, work.Request, time, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an agent with the bench's hard cap; never throws for the agent's own failures.</summary>
    public static async Task<AgentRunResult> RunAgentAsync(IBenchAgent agent, AgentRunRequest request, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(request);
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(BenchRunner.HardCap(request.TimeLimit));
        var started = time.GetTimestamp();
        try
        {
            var result = await agent.RunAsync(request, cap.Token).ConfigureAwait(false);
            return cap.IsCancellationRequested && !cancellationToken.IsCancellationRequested && result.Outcome == AgentOutcome.Killed
                ? result with { Outcome = AgentOutcome.Timeout, Message = "stopped by the bench after the time limit and its grace" }
                : result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentRunResult(AgentOutcome.Timeout, null, time.GetElapsedTime(started), "stopped by the bench after the time limit and its grace");
        }
        catch (OperationCanceledException)
        {
            return new AgentRunResult(AgentOutcome.Killed, null, time.GetElapsedTime(started), "bench cancelled");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Agent {Agent} failed on {Competition} seed {Seed}", agent.Description, request.Competition.Id, request.Seed);
            await File.WriteAllTextAsync(Path.Combine(request.Workspace.LogsDirectory, "agent-error.log"), ex.ToString(), CancellationToken.None).ConfigureAwait(false);
            return new AgentRunResult(AgentOutcome.Crashed, null, time.GetElapsedTime(started), ex.GetType().Name + ": " + ex.Message);
        }
    }
}
