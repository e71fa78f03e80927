using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Replies;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm.Roles;

/// <summary>Reads a finished execution and returns a structured verdict (prompts/llm/reviewer.yaml, JSON schema reply).</summary>
public sealed class LlmReviewer(LlmRoleKit kit, IReviewer fallback) : IReviewer
{
    public async Task<Review> ReviewAsync(TaskContext context, SolutionView node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var variables = kit.Variables(context, TreeSummary.Empty).AddNode("node", node);
            var (reply, usage) = await kit.AskJsonAsync<ReviewReply>("reviewer", "reviewer", variables, cancellationToken);
            var concerns = reply.Concerns.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToArray();
            return new Review(reply.IsBuggy, reply.Summary.Trim(), concerns, usage);
        }
        catch (LlmUnavailableException e)
        {
            kit.LoggerFactory.CreateLogger<LlmReviewer>().LogWarning("{Note}", LlmRoleKit.FallbackNote("reviewer", e));
            var review = await fallback.ReviewAsync(context, node, cancellationToken);
            return review with { Usage = review.Usage + e.Spent };
        }
    }
}
