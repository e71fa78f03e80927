using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Policies;

/// <summary>
/// AIDE-like: draft until there are <see cref="PolicyState.DraftCount"/> drafts; then with probability 0.5 debug a
/// random buggy leaf under the depth cap, otherwise improve the best working node.
/// </summary>
public sealed class GreedyPolicy : ISearchPolicy
{
    public string Name => "greedy";

    public SearchAction? Next(PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rng = PolicyHelpers.Rng(state);
        if (PolicyHelpers.Drafts(state) < state.DraftCount)
        {
            return PolicyHelpers.NextDraft(state);
        }

        var debuggable = PolicyHelpers.Debuggable(state);
        var ranked = PolicyHelpers.Ranked(state);
        if (debuggable.Count > 0 && (ranked.Count == 0 || rng.NextDouble() < 0.5))
        {
            return new SearchAction(NodeOperator.Debug, [debuggable[rng.Next(debuggable.Count)].Id]);
        }

        var target = PolicyHelpers.ImproveTarget(state, maxChildren: 5);
        if (target is not null)
        {
            return new SearchAction(NodeOperator.Improve, [target.Id]);
        }

        return state.Nodes.Any(n => !n.Status.IsFinished()) ? null : PolicyHelpers.NextDraftOrImprove(state);
    }
}
