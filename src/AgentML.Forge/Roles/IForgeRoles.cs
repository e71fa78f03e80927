using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>Proposes diverse candidate tasks (target, type, metric) from a raw table's profile.</summary>
public interface IBrainstormer
{
    Task<IReadOnlyList<TaskCandidate>> BrainstormAsync(RawDataset data, int count, CancellationToken cancellationToken);
}

/// <summary>Turns a candidate into a design: split, features to drop, the task statement.</summary>
public interface IDesigner
{
    Task<TaskDesign> DesignAsync(RawDataset data, TaskCandidate candidate, CancellationToken cancellationToken);
}

/// <summary>Writes a design as a task folder (competition.yaml, description.md, public/, private/); deterministic for a seed.</summary>
public interface IRefactorer
{
    Task<ForgedTask> WriteAsync(RawDataset data, TaskDesign design, string folder, int seed, CancellationToken cancellationToken);
}

/// <summary>Checks a written task folder (one stage: structural, semantic or execution).</summary>
public interface IVerifier
{
    VerificationStage Stage { get; }

    Task<VerifierResult> VerifyAsync(ForgedTask task, CancellationToken cancellationToken);
}

/// <summary>The forge roles, bundled; verifiers run in order and all must pass.</summary>
public sealed record ForgeTeam(IBrainstormer Brainstormer, IDesigner Designer, IRefactorer Refactorer, IReadOnlyList<IVerifier> Verifiers)
{
    /// <summary>The model and the run's shared LLM ledger when LLM roles are in the team; null for a builtin team.</summary>
    public ForgeLlm? Llm { get; init; }
}

/// <summary>The model the LLM forge roles use and the budget they share (calls, tokens, cost, --max-llm-cost).</summary>
public sealed record ForgeLlm(string Model, AgentML.Agents.Llm.Client.LlmBudget Budget);
