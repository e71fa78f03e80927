using System.Globalization;

namespace AgentML.Search.Reports;

/// <summary>
/// Turns snapshots of a running solve into one line per finished node, folding a run of nodes that repeat the
/// previous one (same operator, parent, status and score or error) into a single
/// "… 12 more improves of n014 gave the same score (n016–n027)" line.
/// </summary>
public sealed class ProgressLines
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly bool _fold;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<ReportNode> _folded = [];
    private ReportNode? _last;
    private string? _lastKey;
    private double? _best;

    /// <param name="fold">False prints every node (verbose output).</param>
    public ProgressLines(bool fold = true) => _fold = fold;

    /// <summary>The fold that is still growing, as it would be printed, or null.</summary>
    public string? Pending => _last is not null && _folded.Count > 0 ? TreeText.FoldNote(new TreeRow("", _last, [.. _folded])) : null;

    /// <summary>Lines for the nodes that finished since the last call.</summary>
    public IReadOnlyList<string> Update(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lines = new List<string>();
        var finished = model.Nodes.Where(n => n.IsFinished && !_seen.Contains(n.Id))
            .OrderBy(n => n.FinishedAtRunSeconds ?? double.MaxValue).ThenBy(n => n.Number).ToList();
        foreach (var node in finished)
        {
            _seen.Add(node.Id);
            var newBest = node.Status == ReportStatus.Ok && node.Score is { } s && (_best is null || model.IsBetter(s, _best.Value));
            if (newBest)
            {
                _best = node.Score;
            }

            var key = Key(node);
            if (_fold && !newBest && key == _lastKey)
            {
                _folded.Add(node);
                continue;
            }

            if (Flush() is { } note)
            {
                lines.Add(note);
            }

            _last = node;
            _lastKey = key;
            lines.Add(Line(node, newBest));
        }

        return lines;
    }

    /// <summary>Ends the current fold: its line, or null when nothing was folded.</summary>
    public string? Flush()
    {
        var note = Pending;
        _folded.Clear();
        return note;
    }

    /// <summary>"n014 improve of n009 ok 0.000700557 in 12 s, new best" or "n015 debug of n014 buggy: ...".</summary>
    public static string Line(ReportNode node, bool newBest)
    {
        ArgumentNullException.ThrowIfNull(node);
        var of = node.Parents.Count > 0 ? " of " + string.Join("+", node.Parents) : "";
        var status = node.Status.ToString().ToLowerInvariant();
        var time = node.DurationSeconds is { } d ? $" in {d:F0} s" : "";
        var what = node.Status == ReportStatus.Ok
            ? $" {node.Score?.ToString("G6", Inv)}{time}{(newBest ? ", new best" : "")}"
            : $"{time}: {TreeText.Trim(node.Error ?? "", 110)}";
        return $"{node.Id} {node.Operator}{of} {status}{what}";
    }

    private static string Key(ReportNode node) =>
        $"{node.Operator}|{(node.Parents.Count > 0 ? node.Parents[0] : "")}|{node.Status}|{node.Score?.ToString("G6", Inv)}|{(node.Status == ReportStatus.Ok ? "" : node.Error)}";
}
