using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Roles;

/// <summary>Repairs a failed node from its code, output head and tail, and error (prompts/llm/debugger.yaml).</summary>
public sealed class LlmDebugger(LlmRoleKit kit, IDebugger fallback) : IDebugger
{
    public Task<AgentOutput> DebugAsync(TaskContext context, SolutionView failed, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return kit.WithFallbackAsync("debugger", async () =>
        {
            var variables = kit.Variables(context, tree).AddNode("failed", failed);
            var (code, usage) = await kit.AskCodeAsync("debugger", "debugger", variables, cancellationToken, tree).ConfigureAwait(false);
            IReadOnlyList<string> notes = code.Explanation.Length == 0 ? [] : [$"debug: {Shorten(code.Explanation, 400)}"];
            return kit.Output(failed.Plan, code, usage, notes);
        }, () => fallback.DebugAsync(context, failed, tree, cancellationToken));
    }

    internal static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
