using System.Globalization;
using System.Text;

namespace AgentML.Search.Reports;

/// <summary>
/// One line of a text tree: <see cref="Prefix"/> is the drawing (│ ├── └──); <see cref="Folded"/> lists leaf
/// siblings identical to <see cref="Node"/> (same operator, status and score or error) shown on this line instead of their own.
/// </summary>
public sealed record TreeRow(string Prefix, ReportNode Node, IReadOnlyList<ReportNode> Folded);

/// <summary>The tree as compact text lines, repeated identical leaf siblings folded into one line.</summary>
public static class TreeText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<TreeRow> Rows(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var children = TreeLayout.Children(model.Nodes);
        var ids = model.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var roots = model.Nodes.Where(n => n.Parents.Count == 0 || !ids.Contains(n.Parents[0])).OrderBy(n => n.Number).ToList();
        var rows = new List<TreeRow>();
        void Level(IReadOnlyList<ReportNode> siblings, string indent)
        {
            var groups = Fold(siblings, children);
            for (var i = 0; i < groups.Count; i++)
            {
                var last = i == groups.Count - 1;
                var (node, folded) = groups[i];
                rows.Add(new TreeRow(indent + (last ? "└─ " : "├─ "), node, folded));
                Level(children[node.Id].ToList(), indent + (last ? "   " : "│  "));
            }
        }

        Level(roots, "");
        return rows;
    }

    /// <summary>The tree as plain text, one line per row.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        foreach (var row in Rows(model))
        {
            sb.Append(row.Prefix).Append(Describe(model, row.Node)).Append('\n');
            if (row.Folded.Count > 0)
            {
                sb.Append(row.Prefix.Replace("├─ ", "│  ", StringComparison.Ordinal).Replace("└─ ", "   ", StringComparison.Ordinal))
                  .Append("  ").Append(FoldNote(row)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>"n014 improve ok 0.000700557 12s ★ — plan summary" (or the error of a failed node).</summary>
    public static string Describe(ReportModel model, ReportNode node)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(node);
        var merge = node.Parents.Count > 1 ? $" (+{node.Parents[1]})" : "";
        var score = node.Score is { } s ? " " + s.ToString("G6", Inv) : "";
        var time = node.DurationSeconds is { } d ? $" {d:F0}s" : "";
        var marks = (node.Id == model.BestNodeId ? " ★best" : "") + (node.EnsembleWeight is { } w ? $" ens×{w:G2}" : "");
        var what = node.Status is ReportStatus.Buggy or ReportStatus.Pruned && node.Error is { } e ? Trim(e, 70) : TreeLayout.Summary(node.Plan, 70);
        return $"{node.Id} {node.Operator}{merge} {node.Status.ToString().ToLowerInvariant()}{score}{time}{marks} — {what}";
    }

    /// <summary>"… 12 more improves of n014 gave the same score (n015–n040)".</summary>
    public static string FoldNote(TreeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var n = row.Folded.Count;
        var op = n == 1 ? row.Node.Operator : row.Node.Operator + "s";
        var of = row.Node.Parents.Count > 0 ? $" of {row.Node.Parents[0]}" : "";
        var same = row.Node.Status switch
        {
            ReportStatus.Ok => "gave the same score",
            ReportStatus.Buggy => "failed the same way",
            ReportStatus.Pruned => "were pruned the same way",
            _ => "are the same",
        };
        var range = n == 1 ? row.Folded[0].Id : $"{row.Folded[0].Id}–{row.Folded[^1].Id}";
        return $"… {n} more {op}{of} {same} ({range})";
    }

    /// <summary>Siblings with leaf duplicates folded into the first of their kind.</summary>
    private static List<(ReportNode Node, List<ReportNode> Folded)> Fold(IReadOnlyList<ReportNode> siblings, ILookup<string, ReportNode> children)
    {
        var result = new List<(ReportNode, List<ReportNode>)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in siblings)
        {
            var key = Key(node);
            if (!children[node.Id].Any() && node.IsFinished && byKey.TryGetValue(key, out var at))
            {
                result[at].Item2.Add(node);
                continue;
            }

            if (!children[node.Id].Any() && node.IsFinished)
            {
                byKey[key] = result.Count;
            }

            result.Add((node, []));
        }

        return result;
    }

    private static string Key(ReportNode node) =>
        $"{node.Operator}|{node.Status}|{node.Score?.ToString("G6", Inv)}|{(node.Status == ReportStatus.Ok ? "" : node.Error)}|{node.EnsembleWeight}";

    /// <summary>One line of at most <paramref name="max"/> characters.</summary>
    internal static string Trim(string text, int max)
    {
        var flat = text.Replace('\n', ' ').Trim();
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
