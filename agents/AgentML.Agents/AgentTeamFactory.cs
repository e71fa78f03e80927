using AgentML.Agents.Builtin;
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
}

/// <summary>Builds the agent team for a run.</summary>
public static class AgentTeamFactory
{
    public static AgentTeam Create(AgentTeamOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builtin = BuiltinTeam.Create(options.PromptsDirectory, loggerFactory);
        if (string.Equals(options.Model, "builtin", StringComparison.OrdinalIgnoreCase) && options.RoleModels.Count == 0)
        {
            return builtin;
        }

        throw new UserFacingException($"--model {options.Model}: LLM agents are not available yet (issue 6); use --model builtin.");
    }
}
