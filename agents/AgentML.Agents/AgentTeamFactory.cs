using AgentML.Agents.Builtin;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents;

/// <summary>Which agents to use: "builtin" (default) or an LLM model spec, optionally per role.</summary>
public sealed record AgentTeamOptions
{
    /// <summary>builtin | openai:&lt;model&gt; | azure:&lt;deployment&gt; | openai-compatible:&lt;model&gt;@&lt;url&gt;.</summary>
    public string Model { get; init; } = "builtin";

    /// <summary>Per-role overrides (role name → model spec), e.g. "coder" → "openai:gpt-4.1".</summary>
    public IReadOnlyDictionary<string, string> RoleModels { get; init; } = new Dictionary<string, string>();

    /// <summary>Stop LLM calls once this much has been spent (USD); builtin roles take over.</summary>
    public decimal? MaxLlmCost { get; init; }

    public string PromptsDirectory { get; init; } = PromptsLocation.Default;

    /// <summary>Timeouts, retries, circuit breaker, repairs, sampling and where keys come from.</summary>
    public LlmSettings Llm { get; init; } = new();

    /// <summary>
    /// The run's LLM ledger and cost limit, shared by every role. Pass one to read the run's tokens and cost
    /// afterwards; when null, one is made from <see cref="MaxLlmCost"/>.
    /// </summary>
    public LlmBudget? Budget { get; init; }
}

/// <summary>Builds the agent team for a run.</summary>
public static class AgentTeamFactory
{
    public static AgentTeam Create(AgentTeamOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return Create(options, loggerFactory, BuiltinTeam.Create(options.PromptsDirectory, loggerFactory));
    }

    /// <summary>
    /// Builds the team over a given builtin team: the builtin team itself for <c>--model builtin</c>, else LLM roles
    /// (per-role models allowed) that fall back to the builtin roles when the model fails or the budget is spent.
    /// </summary>
    public static AgentTeam Create(AgentTeamOptions options, ILoggerFactory loggerFactory, AgentTeam builtin)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(builtin);
        if (LlmModelSpec.IsBuiltinSpec(options.Model) && options.RoleModels.Values.All(LlmModelSpec.IsBuiltinSpec))
        {
            return builtin;
        }

        return LlmTeam.Create(options, builtin, loggerFactory);
    }
}
