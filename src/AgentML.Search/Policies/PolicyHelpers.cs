using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Policies;

/// <summary>Shared queries over a policy state.</summary>
internal static class PolicyHelpers
{
    /// <summary>A deterministic random source for one decision.</summary>
    public static Random Rng(PolicyState state) => new(unchecked((state.Seed * 1_000_003) + (state.Step * 7919) + 17));

    public static IEnumerable<PolicyNode> Working(PolicyState state) =>
        state.Nodes.Where(n => n.Status == NodeStatus.Ok && n.Score is not null);

    /// <summary>Working nodes, best first (ties: older first).</summary>
    public static List<PolicyNode> Ranked(PolicyState state)
    {
        var working = Working(state).Select((n, i) => (n, i)).ToList();
        working.Sort((a, b) =>
        {
            var c = state.HigherIsBetter ? b.n.Score!.Value.CompareTo(a.n.Score!.Value) : a.n.Score!.Value.CompareTo(b.n.Score!.Value);
            return c != 0 ? c : a.i.CompareTo(b.i);
        });
        return working.Select(x => x.n).ToList();
    }

    public static int Children(PolicyState state, string id, NodeOperator? op = null) =>
        state.Nodes.Count(n => n.ParentIds.Contains(id) && (op is null || n.Operator == op));

    public static int Drafts(PolicyState state) => state.Nodes.Count(n => n.Operator == NodeOperator.Draft);

    /// <summary>The next draft (a plan not yet drafted), or null when the policy should wait for more plans.</summary>
    public static SearchAction NextDraft(PolicyState state)
    {
        var used = state.Nodes.Where(n => n.PlanIndex is not null).Select(n => n.PlanIndex!.Value).ToHashSet();
        var index = 0;
        while (used.Contains(index))
        {
            index++;
        }

        return new SearchAction(NodeOperator.Draft, [], index);
    }

    /// <summary>
    /// What a policy does when its own rules have no action left: the next draft while the planner has plans, else one
    /// more improvement of a node within the best one's fold noise (the least improved), however often its lineage was
    /// improved before: the improver always has a configuration left, and a search that stopped here would leave the
    /// rest of its budget unused. Null when nothing works yet and no plan is left.
    /// </summary>
    public static SearchAction? NextDraftOrImprove(PolicyState state) =>
        !state.PlansExhausted ? NextDraft(state)
        : ImproveTarget(state, maxChildren: int.MaxValue) is { } target ? new SearchAction(NodeOperator.Improve, [target.Id])
        : null;

    /// <summary>Buggy leaves that may still be debugged, oldest first.</summary>
    public static List<PolicyNode> Debuggable(PolicyState state) =>
        state.Nodes.Where(n => n.Status == NodeStatus.Buggy && n.DebugDepth < state.MaxDebugDepth && Children(state, n.Id) == 0).ToList();

    /// <summary>
    /// The node to improve: among working nodes with fewer than <paramref name="maxChildren"/> improve children, those
    /// whose score is within the best one's fold noise count as equally good, and the one improved least is chosen
    /// (a lead smaller than the noise is no reason to spend every improvement on one lineage).
    /// </summary>
    public static PolicyNode? ImproveTarget(PolicyState state, int maxChildren)
    {
        var open = Ranked(state).Where(n => Children(state, n.Id, NodeOperator.Improve) < maxChildren).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var best = open[0];
        return open.Where(n => Math.Abs(n.Score!.Value - best.Score!.Value) <= best.Noise)
            .MinBy(n => Children(state, n.Id, NodeOperator.Improve)) ?? best;
    }

    /// <summary>
    /// The best pair among the top working nodes that has not been merged yet, where neither is an ancestor of the
    /// other and the two do not run the same recipe (such a "merge" would only repeat a parent).
    /// </summary>
    public static SearchAction? NextMerge(PolicyState state, int top)
    {
        var ranked = Ranked(state).Take(top).ToList();
        var merged = state.Nodes.Where(n => n.Operator == NodeOperator.Merge && n.ParentIds.Count == 2)
            .Select(n => Key(n.ParentIds[0], n.ParentIds[1])).ToHashSet();
        for (var i = 0; i < ranked.Count; i++)
        {
            for (var j = i + 1; j < ranked.Count; j++)
            {
                var a = ranked[i];
                var b = ranked[j];
                if (merged.Contains(Key(a.Id, b.Id)) || IsAncestor(state, a.Id, b) || IsAncestor(state, b.Id, a)
                    || (a.Fingerprint.Length > 0 && a.Fingerprint == b.Fingerprint))
                {
                    continue;
                }

                return new SearchAction(NodeOperator.Merge, [a.Id, b.Id]);
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="ancestor"/> is on a path from <paramref name="node"/> to a root.</summary>
    public static bool IsAncestor(PolicyState state, string ancestor, PolicyNode node)
    {
        var byId = state.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(node.ParentIds);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id == ancestor)
            {
                return true;
            }

            if (seen.Add(id) && byId.TryGetValue(id, out var parent))
            {
                foreach (var p in parent.ParentIds)
                {
                    stack.Push(p);
                }
            }
        }

        return false;
    }

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
}
