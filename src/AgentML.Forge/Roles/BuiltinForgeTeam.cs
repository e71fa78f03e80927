using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>The builtin forge team: needs no LLM; its knowledge is prompts/forge/knowledge.yaml and description.md.</summary>
public static class BuiltinForgeTeam
{
    /// <summary>
    /// Brainstormer, designer, refactorer and the structural and semantic verifiers. The execution verifier needs
    /// a sandbox and is added by the forge pipeline (src/AgentML.Forge).
    /// </summary>
    public static ForgeTeam Create(ForgeKnowledge knowledge, VerificationOptions options, IEnumerable<IVerifier>? moreVerifiers = null) =>
        new(new BuiltinBrainstormer(knowledge), new BuiltinDesigner(knowledge), new BuiltinRefactorer(),
            [new StructuralVerifier(options), new SemanticVerifier(knowledge, options), .. moreVerifiers ?? []]);

    /// <summary>Loads the knowledge from <paramref name="promptsDirectory"/>/forge.</summary>
    public static ForgeKnowledge LoadKnowledge(string promptsDirectory) => ForgeKnowledge.Load(Path.Combine(promptsDirectory, "forge"));
}
