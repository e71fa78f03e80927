using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Policies;

/// <summary>
/// The default policy, in the KompeteAI spirit: diverse PlanSearch drafts → improve the best → merge the top
/// candidates → improve again; buggy nodes are debugged up to a depth along the way.
/// </summary>
public sealed class StagedPolicy : ISearchPolicy
{
    /// <summary>Share of the budget after which merging starts.</summary>
    public const double MergeFrom = 0.6;

    public string Name => "staged";

    public SearchAction? Next(PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rng = PolicyHelpers.Rng(state);
        if (PolicyHelpers.Drafts(state) < state.DraftCount)
        {
            return PolicyHelpers.NextDraft(state);
        }

        var ranked = PolicyHelpers.Ranked(state);
        var debuggable = PolicyHelpers.Debuggable(state);
        if (debuggable.Count > 0 && (ranked.Count == 0 || rng.NextDouble() < 0.5))
        {
            return new SearchAction(NodeOperator.Debug, [debuggable[rng.Next(debuggable.Count)].Id]);
        }

        if (ranked.Count == 0)
        {
            var busy = state.Nodes.Any(n => !n.Status.IsFinished());
            return busy ? null : PolicyHelpers.NextDraft(state);
        }

        if (state.Progress >= MergeFrom && PolicyHelpers.NextMerge(state, top: 3) is { } merge)
        {
            return merge;
        }

        var target = PolicyHelpers.ImproveTarget(state, maxChildren: 3);
        if (target is not null)
        {
            return new SearchAction(NodeOperator.Improve, [target.Id]);
        }

        return PolicyHelpers.NextMerge(state, top: 5) ?? PolicyHelpers.NextDraftOrImprove(state);
    }
}
