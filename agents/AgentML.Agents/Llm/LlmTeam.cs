using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Agents.Llm.Roles;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm;

/// <summary>
/// Builds a team whose roles use the model named for them (the team's model, or a per-role override) and fall
/// back to the builtin roles. Roles on the same model share one client, so they share its circuit breaker;
/// every client shares the run's budget.
/// </summary>
public static class LlmTeam
{
    public static IReadOnlyList<string> RoleNames { get; } = ["planner", "coder", "debugger", "improver", "merger"];

    /// <summary>
    /// Parses <c>--role-model role=spec</c> values (e.g. "debugger=openai:gpt-4.1-mini") into
    /// <see cref="AgentTeamOptions.RoleModels"/>; checks role names and specs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseRoleModels(IEnumerable<string> values, string optionName = "--role-model")
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var role = eq > 0 ? value[..eq].Trim().ToLowerInvariant() : "";
            if (!RoleNames.Contains(role))
            {
                throw new UserFacingException($"{optionName} '{value}': expected <role>=<model spec> with role one of {string.Join(", ", RoleNames)}.");
            }

            var spec = value[(eq + 1)..].Trim();
            if (!LlmModelSpec.IsBuiltinSpec(spec))
            {
                LlmModelSpec.Parse(spec, $"{optionName} {role}");
            }

            result[role] = spec;
        }

        return result;
    }

    public static AgentTeam Create(AgentTeamOptions options, AgentTeam builtin, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(builtin);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var unknown = options.RoleModels.Keys.Where(k => !RoleNames.Contains(k.ToLowerInvariant())).ToArray();
        if (unknown.Length > 0)
        {
            throw new UserFacingException($"per-role model for unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(", ", RoleNames)}.");
        }

        var settings = options.Llm;
        var budget = options.Budget ?? new LlmBudget(options.MaxLlmCost);
        var prompts = new Lazy<PromptLibrary>(() => PromptLibrary.Load(options.PromptsDirectory));
        var prices = new Lazy<PriceTable>(() => PriceTable.Load(settings.PricesPath ?? Path.Combine(options.PromptsDirectory, "llm", "prices.yaml")));
        var kits = new Dictionary<string, LlmRoleKit>(StringComparer.Ordinal);

        LlmRoleKit? KitFor(string role)
        {
            var text = options.RoleModels.FirstOrDefault(p => string.Equals(p.Key, role, StringComparison.OrdinalIgnoreCase)).Value ?? options.Model;
            if (LlmModelSpec.IsBuiltinSpec(text))
            {
                return null;
            }

            var spec = LlmModelSpec.Parse(text, $"model for {role}");
            if (!kits.TryGetValue(spec.ToString(), out var kit))
            {
                kit = LlmRoleKit.Create(spec, settings, budget, prices.Value, prompts.Value, loggerFactory);
                kits[spec.ToString()] = kit;
                loggerFactory.CreateLogger($"AgentML.Llm[{spec}]").LogInformation("LLM {Spec}{Reasoning} serves {Role}", spec, spec.IsReasoningModel ? " (reasoning model: no temperature)" : "", role);
            }

            return kit;
        }

        return new AgentTeam(
            KitFor("planner") is { } p ? new LlmPlanner(p, builtin.Planner) : builtin.Planner,
            KitFor("coder") is { } c ? new LlmCoder(c, builtin.Coder) : builtin.Coder,
            KitFor("debugger") is { } d ? new LlmDebugger(d, builtin.Debugger) : builtin.Debugger,
            KitFor("improver") is { } i ? new LlmImprover(i, builtin.Improver) : builtin.Improver,
            KitFor("merger") is { } m ? new LlmMerger(m, builtin.Merger) : builtin.Merger);
    }
}
