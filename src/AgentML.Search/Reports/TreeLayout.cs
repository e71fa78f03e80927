using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>The tree in display order (depth-first from the drafts; a merge appears under its first parent).</summary>
public static class TreeLayout
{
    public static IReadOnlyList<(NodeRecord Node, int Depth)> DepthFirst(IReadOnlyList<NodeRecord> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var children = nodes.Where(n => n.ParentIds.Count > 0 && ids.Contains(n.ParentIds[0]))
            .ToLookup(n => n.ParentIds[0]);
        var result = new List<(NodeRecord, int)>();
        void Visit(NodeRecord node, int depth)
        {
            result.Add((node, depth));
            foreach (var child in children[node.Id].OrderBy(c => c.Number))
            {
                Visit(child, depth + 1);
            }
        }

        foreach (var root in nodes.Where(n => n.ParentIds.Count == 0 || !ids.Contains(n.ParentIds[0])).OrderBy(n => n.Number))
        {
            Visit(root, 0);
        }

        return result;
    }

    /// <summary>The plan's first sentence or line, at most <paramref name="max"/> characters.</summary>
    public static string Summary(string plan, int max = 90)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var line = plan.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var sentence = line.IndexOf(". ", StringComparison.Ordinal) is var dot and > 20 ? line[..(dot + 1)] : line;
        return sentence.Length <= max ? sentence : sentence[..(max - 1)] + "…";
    }

    /// <summary>Points (run seconds, score) of working nodes in finishing order, and the best-so-far after each.</summary>
    public static IReadOnlyList<(double Seconds, double Score, double BestSoFar, string NodeId)> ScoreOverTime(IReadOnlyList<NodeRecord> nodes, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var points = new List<(double, double, double, string)>();
        double? best = null;
        foreach (var n in nodes.Where(n => n.Status == NodeStatus.Ok && n.Score is not null && n.FinishedAtRunSeconds is not null)
                     .OrderBy(n => n.FinishedAtRunSeconds))
        {
            var s = n.Score!.Value;
            best = best is null ? s : higherIsBetter ? Math.Max(best.Value, s) : Math.Min(best.Value, s);
            points.Add((n.FinishedAtRunSeconds!.Value, s, best.Value, n.Id));
        }

        return points;
    }
}
