using AgentML.Core.Runs;
using AgentML.Agents.Roles;
using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>The operators draft, improve, debug and merge: each asks one agent role for a new program.</summary>
internal sealed class AgentOperators
{
    private readonly AgentTeam _team;

    public AgentOperators(AgentTeam team) => _team = team;

    /// <summary>Makes sure the run has at least <paramref name="count"/> draft plans; false when the planner has no more.</summary>
    public async Task<bool> EnsurePlansAsync(RunState state, int count, CancellationToken cancellationToken)
    {
        TreeSummary summary;
        lock (state.Gate)
        {
            if (state.DraftPlans.Count >= count)
            {
                return true;
            }

            summary = state.Summary();
        }

        var request = Math.Max(count, state.Settings.DraftCount);
        var plans = await _team.Planner.ProposeAsync(state.Context, summary, request, cancellationToken).ConfigureAwait(false);
        return state.AddDraftPlans(plans) >= count;
    }

    /// <summary>Runs the node's operator and returns the program it produced.</summary>
    public Task<AgentOutput> ApplyAsync(RunState state, NodeRecord node, CancellationToken cancellationToken)
    {
        TreeSummary summary;
        SolutionView[] parents;
        Plan? plan = null;
        lock (state.Gate)
        {
            summary = state.Summary();
            parents = node.ParentIds.Select(id => state.View(state.Node(id) ?? throw new InvalidOperationException($"Unknown parent {id}"))).ToArray();
            if (node.Operator == NodeOperator.Draft)
            {
                plan = state.DraftPlans[node.PlanIndex ?? 0];
            }
        }

        var context = state.Context;
        return node.Operator switch
        {
            NodeOperator.Draft => _team.Coder.WriteAsync(context, plan!, summary, cancellationToken),
            NodeOperator.Improve => _team.Improver.ImproveAsync(context, parents[0], summary, cancellationToken),
            NodeOperator.Debug => _team.Debugger.DebugAsync(context, parents[0], summary, cancellationToken),
            NodeOperator.Merge => _team.Merger.MergeAsync(context, parents[0], parents[1], summary, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown operator {node.Operator}"),
        };
    }
}
