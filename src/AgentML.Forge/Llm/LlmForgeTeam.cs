using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge.Llm;

/// <summary>
/// The forge team with an LLM brainstormer and designer when a model is configured (both fall back to their
/// builtin roles, with notes); the refactorer (pure, deterministic file writing) and the verifiers stay builtin.
/// </summary>
public static class LlmForgeTeam
{
    /// <param name="model">A model spec (e.g. "openai:gpt-4.1-mini"); "builtin" returns <paramref name="builtin"/> unchanged.</param>
    /// <param name="budget">The run's ledger and cost limit, shared by the LLM roles (default: unlimited).</param>
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
        budget ??= new LlmBudget();
        var kit = LlmRoleKit.Create(spec, settings, budget, prices, PromptLibrary.Load(promptsDirectory), loggerFactory);
        return builtin with
        {
            Brainstormer = new LlmBrainstormer(kit, new BuiltinBrainstormer(knowledge), new TargetScreen(knowledge)),
            Designer = new LlmDesigner(kit, new BuiltinDesigner(knowledge), knowledge),
            Llm = new ForgeLlm(spec.ToString(), budget),
        };
    }
}
