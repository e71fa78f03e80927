using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Policies;

/// <summary>
/// UCT over the tree (AIRA/ML-Master style): scores min-max normalised, a node's value is the mean normalised score
/// of its working subtree, visits are finished nodes in it; the node with the highest upper confidence bound is
/// improved. Buggy leaves are debugged with probability 0.3, and the top two are merged now and then.
/// </summary>
public sealed class UctPolicy : ISearchPolicy
{
    private readonly double _exploration;

    public UctPolicy(double exploration = 0.25) => _exploration = exploration;

    public string Name => "uct";

    public SearchAction? Next(PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rng = PolicyHelpers.Rng(state);
        if (PolicyHelpers.Drafts(state) < state.DraftCount)
        {
            return PolicyHelpers.NextDraft(state);
        }

        var working = PolicyHelpers.Working(state).ToList();
        var debuggable = PolicyHelpers.Debuggable(state);
        var roll = rng.NextDouble();
        if (debuggable.Count > 0 && (working.Count == 0 || roll < 0.3))
        {
            return new SearchAction(NodeOperator.Debug, [debuggable[rng.Next(debuggable.Count)].Id]);
        }

        if (working.Count == 0)
        {
            return state.Nodes.Any(n => !n.Status.IsFinished()) ? null : PolicyHelpers.NextDraft(state);
        }

        if (roll > 0.85 && PolicyHelpers.NextMerge(state, top: 2) is { } merge)
        {
            return merge;
        }

        return new SearchAction(NodeOperator.Improve, [Select(state, working).Id]);
    }

    private PolicyNode Select(PolicyState state, List<PolicyNode> working)
    {
        var min = working.Min(n => n.Score!.Value);
        var max = working.Max(n => n.Score!.Value);
        double Normalised(PolicyNode n)
        {
            var v = max > min ? (n.Score!.Value - min) / (max - min) : 1.0;
            return state.HigherIsBetter ? v : 1 - v;
        }

        var children = state.Nodes.SelectMany(n => n.ParentIds.Select(p => (p, n))).ToLookup(x => x.p, x => x.n);
        List<PolicyNode> Subtree(PolicyNode root)
        {
            var result = new List<PolicyNode>();
            var stack = new Stack<PolicyNode>([root]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (!seen.Add(n.Id))
                {
                    continue;
                }

                result.Add(n);
                foreach (var c in children[n.Id])
                {
                    stack.Push(c);
                }
            }

            return result;
        }

        var total = Math.Max(1, state.Nodes.Count(n => n.Status.IsFinished()));
        PolicyNode? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var node in working)
        {
            var subtree = Subtree(node);
            var visits = subtree.Count(n => n.Status.IsFinished());
            var scored = subtree.Where(n => n.Status == NodeStatus.Ok && n.Score is not null).ToList();
            var value = scored.Average(Normalised);
            var uct = value + (_exploration * Math.Sqrt(Math.Log(total + 1) / (1 + visits)));
            if (uct > bestValue)
            {
                best = node;
                bestValue = uct;
            }
        }

        return best!;
    }
}
