using AgentML.Agents;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using AgentML.Sandbox;
using AgentML.Search;
using AgentML.Search.Engine;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Cli.Hosting;

/// <summary>
/// The one composition of solve: the agent team, sandbox and run store that `solve`, `resume` and the bench's AgentML
/// agent run the search with.
/// </summary>
internal static class SolveComposition
{
    /// <summary>
    /// The agents, sandbox and store of a run with <paramref name="settings"/>: <paramref name="sandbox"/> when given (a
    /// Slurm executor), else the one <see cref="SolveSettings.Sandbox"/> names; <paramref name="alreadySpent"/> is what a
    /// resumed run spent on LLM calls before (it counts against --max-llm-cost). The caller disposes the sandbox.
    /// </summary>
    public static SolveDependencies Dependencies(
        SolveSettings settings, string db, ILoggerFactory loggers, TimeProvider time, decimal alreadySpent = 0m, ISandbox? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        return new SolveDependencies
        {
            Team = AgentTeamFactory.Create(
                new AgentTeamOptions
                {
                    Model = settings.Model,
                    MaxLlmCost = settings.MaxLlmCost,
                    RoleModels = LlmTeam.ParseRoleModels(settings.RoleModels),
                    Budget = new LlmBudget(settings.MaxLlmCost, new Usage(0, 0, alreadySpent), settings.LlmRequestsPerMinute, time),
                },
                loggers),
            Sandbox = sandbox ?? new SandboxFactory(loggers, time).Create(settings.Sandbox),
            Store = RunStore.Open(db),
            LoggerFactory = loggers,
            Time = time,
        };
    }

    /// <summary>Threads each program may use when the user names none: the cores shared by the parallel programs.</summary>
    public static int DefaultThreads(int parallel) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, parallel));
}
