using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Roles;

/// <summary>One atomic improvement of a working node (prompts/llm/improver.yaml); the reply's prose is the new plan.</summary>
public sealed class LlmImprover(LlmRoleKit kit, IImprover fallback) : IImprover
{
    public Task<AgentOutput> ImproveAsync(TaskContext context, SolutionView parent, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return kit.WithFallbackAsync("improver", async () =>
        {
            var variables = kit.Variables(context, tree).AddNode("parent", parent);
            var (code, usage) = await kit.AskCodeAsync("improver", "improver", variables, cancellationToken, tree).ConfigureAwait(false);
            return kit.Output(code.Explanation.Length > 0 ? code.Explanation : parent.Plan, code, usage);
        }, () => fallback.ImproveAsync(context, parent, tree, cancellationToken));
    }
}
