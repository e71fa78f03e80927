using AgentML.Agents.Roles;
using AgentML.Sandbox;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Search.Engine;

/// <summary>What a solve needs from outside: agents, a sandbox, the store, logging and a clock.</summary>
public sealed record SolveDependencies
{
    public required AgentTeam Team { get; init; }

    public required ISandbox Sandbox { get; init; }

    public required IRunStore Store { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>A snapshot of a running solve, for live progress displays.</summary>
public sealed record SolveProgress
{
    public required string RunId { get; init; }

    /// <summary>searching, final, done.</summary>
    public required string Phase { get; init; }

    public int Running { get; init; }

    public int Done { get; init; }

    public int Ok { get; init; }

    public int Buggy { get; init; }

    public int Pruned { get; init; }

    public double? BestScore { get; init; }

    public string? BestNodeId { get; init; }

    public TimeSpan TimeLeft { get; init; }

    /// <summary>The latest event in words, e.g. "n004 improve ok 0.8312 (12.1 s)".</summary>
    public string? LastEvent { get; init; }
}
