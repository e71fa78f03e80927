using AgentML.Bench.Competitions;

namespace AgentML.Bench.Agents;

/// <summary>
/// An agent under test: it reads the competition's public data, works within the time limit and leaves
/// <c>submission.csv</c> in the workspace's submission folder. AgentML itself and external programs implement it.
/// </summary>
public interface IBenchAgent
{
    /// <summary>A short description for reports, e.g. "agentml (builtin, 2m)" or "external: python agent.py".</summary>
    string Description { get; }

    /// <summary>Runs the agent once; never throws for the agent's own failures (they become the outcome).</summary>
    Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken);
}

/// <summary>One agent run: a competition, a seed, a workspace and a time limit.</summary>
public sealed record AgentRunRequest
{
    public required BenchCompetition Competition { get; init; }

    public required int Seed { get; init; }

    public required AgentWorkspace Workspace { get; init; }

    public required TimeSpan TimeLimit { get; init; }
}

/// <summary>How an agent run ended.</summary>
public enum AgentOutcome
{
    /// <summary>The agent finished by itself with exit code 0.</summary>
    Completed,

    /// <summary>The agent exited with a non-zero code or threw.</summary>
    Crashed,

    /// <summary>The agent was stopped at the time limit.</summary>
    Timeout,

    /// <summary>The agent ran out of memory.</summary>
    OutOfMemory,

    /// <summary>The bench was cancelled while the agent ran.</summary>
    Killed,
}

/// <summary>The outcome of one agent run. The submission is whatever the agent left in the workspace.</summary>
public sealed record AgentRunResult(AgentOutcome Outcome, int? ExitCode, TimeSpan Duration, string? Message = null);
