using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Roles;

/// <summary>Writes the program for a natural-language plan (prompts/llm/coder.yaml).</summary>
public sealed class LlmCoder(LlmRoleKit kit, ICoder fallback) : ICoder
{
    public Task<AgentOutput> WriteAsync(TaskContext context, Plan plan, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return kit.WithFallbackAsync("coder", async () =>
        {
            var variables = kit.Variables(context, TreeSummary.Empty)
                .Set("plan", plan.Text.Trim())
                .Set("observations", Numbered(plan.Observations));
            var (code, usage) = await kit.AskCodeAsync("coder", "coder", variables, cancellationToken, tree).ConfigureAwait(false);
            return kit.Output(plan.Text, code, usage + plan.Usage);
        }, async () =>
        {
            var output = await fallback.WriteAsync(context, plan, tree, cancellationToken).ConfigureAwait(false);
            return output with { Usage = output.Usage + plan.Usage };
        });
    }

    internal static string Numbered(IReadOnlyList<string> items) =>
        items.Count == 0 ? "-" : string.Join("\n", items.Select((o, i) => $"{i + 1}. {o.Trim()}"));
}
