using AgentML.Agents.Forge;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm.Forge;

/// <summary>
/// The forge team with an LLM brainstormer when a model is configured; the designer, the refactorer (pure,
/// deterministic file writing) and the verifiers stay builtin.
/// </summary>
public static class LlmForgeTeam
{
    /// <param name="model">A model spec (e.g. "openai:gpt-4.1-mini"); "builtin" returns <paramref name="builtin"/> unchanged.</param>
    public static ForgeTeam Create(string model, ForgeKnowledge knowledge, ForgeTeam builtin, string promptsDirectory, LlmSettings settings,
        ILoggerFactory loggerFactory, LlmBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(builtin);
        ArgumentNullException.ThrowIfNull(settings);
        if (LlmModelSpec.IsBuiltinSpec(model))
        {
            return builtin;
        }

        var spec = LlmModelSpec.Parse(model, "--model");
        var prices = PriceTable.Load(settings.PricesPath ?? Path.Combine(promptsDirectory, "llm", "prices.yaml"));
        var kit = LlmRoleKit.Create(spec, settings, budget ?? new LlmBudget(), prices, PromptLibrary.Load(promptsDirectory), loggerFactory);
        var brainstormer = new LlmBrainstormer(kit, new BuiltinBrainstormer(knowledge), new TargetScreen(knowledge));
        return builtin with { Brainstormer = brainstormer };
    }
}
