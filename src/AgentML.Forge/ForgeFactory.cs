using AgentML.Agents.Forge;
using AgentML.Forge.Execution;
using AgentML.Forge.Input;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge;

/// <summary>Builds a <see cref="ForgeRunner"/> with the builtin forge team and the execution verifier over a sandbox.</summary>
public static class ForgeFactory
{
    /// <param name="promptsDirectory">The prompts/ folder (its forge/ subfolder holds the knowledge and templates).</param>
    /// <param name="sandbox">Runs the baseline program; null skips the execution check (structural and semantic only).</param>
    public static ForgeRunner Create(string promptsDirectory, ISandbox? sandbox, ForgeRequest request, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var knowledge = BuiltinForgeTeam.LoadKnowledge(promptsDirectory);
        IVerifier[] execution = sandbox is null
            ? []
            : [new ExecutionVerifier(sandbox, new BaselineProgram(Path.Combine(promptsDirectory, "forge")), request.Verification, request.Seed, loggerFactory.CreateLogger<ExecutionVerifier>())];
        var team = BuiltinForgeTeam.Create(knowledge, request.Verification, execution);
        return new ForgeRunner(team, new RawDataReader(knowledge), time ?? TimeProvider.System, loggerFactory.CreateLogger<ForgeRunner>());
    }
}
