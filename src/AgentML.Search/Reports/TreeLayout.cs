namespace AgentML.Search.Reports;

/// <summary>A node's place in a drawn tree: its depth (column) and row (leaves take whole rows, parents sit between their children).</summary>
public readonly record struct TreePlace(ReportNode Node, int Depth, double Row);

/// <summary>One point of the score-over-time plot.</summary>
public readonly record struct ScorePoint(double Seconds, double Score, double BestSoFar, string NodeId, string Operator);

/// <summary>Tree order and layout (depth-first from the drafts; a merge hangs under its first parent), and score over time.</summary>
public static class TreeLayout
{
    public static IReadOnlyList<(ReportNode Node, int Depth)> DepthFirst(IReadOnlyList<ReportNode> nodes) =>
        Place(nodes).Select(p => (p.Node, p.Depth)).ToList();

    /// <summary>Every node placed, in depth-first order.</summary>
    public static IReadOnlyList<TreePlace> Place(IReadOnlyList<ReportNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var children = Children(nodes);
        var rows = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<(ReportNode Node, int Depth)>();
        var nextLeaf = 0;
        double Visit(ReportNode node, int depth)
        {
            order.Add((node, depth));
            var kids = children[node.Id].ToList();
            double row;
            if (kids.Count == 0)
            {
                row = nextLeaf++;
            }
            else
            {
                var childRows = kids.Select(k => Visit(k, depth + 1)).ToList();
                row = (childRows[0] + childRows[^1]) / 2;
            }

            rows[node.Id] = row;
            return row;
        }

        foreach (var root in Roots(nodes))
        {
            Visit(root, 0);
        }

        return order.Select(o => new TreePlace(o.Node, o.Depth, rows[o.Node.Id])).ToList();
    }

    /// <summary>Children under their first parent, in creation order.</summary>
    public static ILookup<string, ReportNode> Children(IReadOnlyList<ReportNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return nodes.Where(n => n.Parents.Count > 0 && ids.Contains(n.Parents[0]))
            .OrderBy(n => n.Number)
            .ToLookup(n => n.Parents[0], StringComparer.Ordinal);
    }

    private static IEnumerable<ReportNode> Roots(IReadOnlyList<ReportNode> nodes)
    {
        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return nodes.Where(n => n.Parents.Count == 0 || !ids.Contains(n.Parents[0])).OrderBy(n => n.Number);
    }

    /// <summary>The plan's first sentence or line, at most <paramref name="max"/> characters.</summary>
    public static string Summary(string plan, int max = 90)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var line = plan.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var sentence = line.IndexOf(". ", StringComparison.Ordinal) is var dot and > 20 ? line[..(dot + 1)] : line;
        return sentence.Length <= max ? sentence : sentence[..(max - 1)] + "…";
    }

    /// <summary>Working nodes in finishing order with the best-so-far after each.</summary>
    public static IReadOnlyList<ScorePoint> ScoreOverTime(IReadOnlyList<ReportNode> nodes, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var points = new List<ScorePoint>();
        double? best = null;
        foreach (var n in nodes.Where(n => n.Status == ReportStatus.Ok && n.Score is not null && n.FinishedAtRunSeconds is not null)
                     .OrderBy(n => n.FinishedAtRunSeconds))
        {
            var s = n.Score!.Value;
            best = best is null ? s : higherIsBetter ? Math.Max(best.Value, s) : Math.Min(best.Value, s);
            points.Add(new ScorePoint(n.FinishedAtRunSeconds!.Value, s, best.Value, n.Id, n.Operator));
        }

        return points;
    }
}
