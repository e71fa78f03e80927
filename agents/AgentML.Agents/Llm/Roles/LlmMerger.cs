using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Roles;

/// <summary>Combines two working nodes into one program (prompts/llm/merger.yaml); the reply's prose is the merged plan.</summary>
public sealed class LlmMerger(LlmRoleKit kit, IMerger fallback) : IMerger
{
    public Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return kit.WithFallbackAsync("merger", async () =>
        {
            var variables = kit.Variables(context, tree).AddNode("first", first).AddNode("second", second);
            var (code, usage) = await kit.AskCodeAsync("merger", "merger", variables, cancellationToken, tree).ConfigureAwait(false);
            var plan = code.Explanation.Length > 0 ? code.Explanation : $"{first.Plan}\n\n{second.Plan}";
            return kit.Output(plan, code, usage);
        }, () => fallback.MergeAsync(context, first, second, tree, cancellationToken));
    }
}
