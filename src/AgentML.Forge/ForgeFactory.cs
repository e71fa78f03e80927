using AgentML.Agents.Llm.Client;
using AgentML.Forge.Data;
using AgentML.Forge.Execution;
using AgentML.Forge.Input;
using AgentML.Forge.Llm;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge;

/// <summary>
/// Builds a <see cref="ForgeRunner"/> with the forge team (builtin, or with LLM roles when a model is given) and
/// the execution verifier over a sandbox.
/// </summary>
public static class ForgeFactory
{
    /// <param name="promptsDirectory">The prompts/ folder (its forge/ subfolder holds the knowledge and templates).</param>
    /// <param name="sandbox">Runs the baseline program; null skips the execution check (structural and semantic only).</param>
    /// <param name="model">"builtin", or a model spec for the LLM brainstormer and designer (builtin roles as fallback); they share one
    /// budget limited by <see cref="ForgeRequest.MaxLlmCost"/>.</param>
    public static ForgeRunner Create(string promptsDirectory, ISandbox? sandbox, ForgeRequest request, ILoggerFactory loggerFactory, TimeProvider? time = null,
        string model = "builtin", LlmSettings? llm = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var knowledge = BuiltinForgeTeam.LoadKnowledge(promptsDirectory);
        IVerifier[] execution = sandbox is null
            ? []
            : [new ExecutionVerifier(sandbox, new BaselineProgram(Path.Combine(promptsDirectory, "forge")), request.Verification, request.Seed, loggerFactory.CreateLogger<ExecutionVerifier>())];
        var team = LlmForgeTeam.Create(model, knowledge, BuiltinForgeTeam.Create(knowledge, request.Verification, execution), promptsDirectory,
            llm ?? new LlmSettings { TimeProvider = time ?? TimeProvider.System }, loggerFactory, new LlmBudget(request.MaxLlmCost));
        return new ForgeRunner(team, new RawDataReader(knowledge, request.Verification.MinTrainRows + request.Verification.MinTestRows), time ?? TimeProvider.System, loggerFactory.CreateLogger<ForgeRunner>());
    }
}
