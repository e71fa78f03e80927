using System.Globalization;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;

namespace AgentML.Search.Ensembles;

/// <summary>How predictions in a task's submission format are combined.</summary>
internal enum BlendKind
{
    /// <summary>Weighted mean of numbers (probabilities, regression values).</summary>
    Mean,

    /// <summary>Weighted vote of labels.</summary>
    Vote,

    /// <summary>Weighted vote over ranked lists ("a b c"), position i counting 1/(i+1); the top k are written.</summary>
    RankVote,
}

/// <summary>
/// A weighted combination of several programs' predictions for the same rows (submission format, one array per
/// target column), built up one member at a time. <see cref="Preview"/> gives the combination with one more member
/// without changing it, which is what greedy ensemble selection tries at every step.
/// </summary>
internal sealed class Blend
{
    private readonly BlendKind _kind;
    private readonly int _rows;
    private readonly double[][] _sums;
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _labelIndex = new(StringComparer.Ordinal);
    private int _listLength = 1;
    private double _weight;

    public Blend(BlendKind kind, int columns, int rows)
    {
        _kind = kind;
        _rows = rows;
        _sums = kind == BlendKind.Mean
            ? [.. Enumerable.Range(0, columns).Select(_ => new double[rows])]
            : [.. Enumerable.Range(0, columns).Select(_ => new double[0])];
    }

    public static BlendKind KindOf(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var metric = MetricRegistry.Get(task.Metric);
        return metric.InputKind switch
        {
            MetricInputKind.Rankings => BlendKind.RankVote,
            _ when task.SubmissionFormat is SubmissionFormat.Probability or SubmissionFormat.ClassProbabilities or SubmissionFormat.MultiLabelProbabilities => BlendKind.Mean,
            _ when task.SubmissionFormat == SubmissionFormat.Value && metric.InputKind == MetricInputKind.Values => BlendKind.Mean,
            _ => BlendKind.Vote,
        };
    }

    public bool IsEmpty => _weight == 0;

    /// <summary>Numbers of a member for <see cref="BlendKind.Mean"/>; null when a value is not a finite number.</summary>
    public static double[][]? Numbers(string[][] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var result = new double[columns.Length][];
        for (var c = 0; c < columns.Length; c++)
        {
            result[c] = new double[columns[c].Length];
            for (var r = 0; r < columns[c].Length; r++)
            {
                if (!double.TryParse(columns[c][r], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    return null;
                }

                result[c][r] = value;
            }
        }

        return result;
    }

    public void Add(Member member, double weight)
    {
        ArgumentNullException.ThrowIfNull(member);
        Accumulate(member, weight, _sums);
        _weight += weight;
    }

    /// <summary>The combination with <paramref name="member"/> added at <paramref name="weight"/> (this blend is unchanged).</summary>
    public string[][] Preview(Member member, double weight)
    {
        ArgumentNullException.ThrowIfNull(member);
        var sums = _sums.Select(s => (double[])s.Clone()).ToArray();
        Accumulate(member, weight, sums);
        return Render(sums, _weight + weight);
    }

    public string[][] Current() => Render(_sums, _weight);

    private void Accumulate(Member member, double weight, double[][] sums)
    {
        if (_kind == BlendKind.Mean)
        {
            for (var c = 0; c < sums.Length; c++)
            {
                var values = member.Numbers![c];
                var target = sums[c];
                for (var r = 0; r < _rows; r++)
                {
                    target[r] += weight * values[r];
                }
            }

            return;
        }

        for (var c = 0; c < sums.Length; c++)
        {
            for (var r = 0; r < _rows; r++)
            {
                var items = _kind == BlendKind.RankVote
                    ? member.Columns[c][r].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    : [member.Columns[c][r].Trim()];
                _listLength = Math.Max(_listLength, items.Length);
                for (var i = 0; i < items.Length; i++)
                {
                    var label = LabelOf(items[i]);
                    sums[c] = Grow(sums[c]);
                    sums[c][(r * _labels.Count) + label] += weight / (i + 1);
                }
            }
        }
    }

    private int LabelOf(string label)
    {
        if (!_labelIndex.TryGetValue(label, out var index))
        {
            index = _labels.Count;
            _labelIndex[label] = index;
            _labels.Add(label);
        }

        return index;
    }

    /// <summary>Tallies are stored row-major with one slot per label; a new label widens every row.</summary>
    private double[] Grow(double[] tallies)
    {
        var width = _rows == 0 ? 0 : tallies.Length / _rows;
        if (width == _labels.Count)
        {
            return tallies;
        }

        var grown = new double[_rows * _labels.Count];
        for (var r = 0; r < _rows; r++)
        {
            Array.Copy(tallies, r * width, grown, r * _labels.Count, width);
        }

        return grown;
    }

    private string[][] Render(double[][] sums, double weight)
    {
        if (_kind == BlendKind.Mean)
        {
            return sums.Select(s => s.Select(v => (v / weight).ToString("R", CultureInfo.InvariantCulture)).ToArray()).ToArray();
        }

        return sums.Select(s =>
        {
            var width = _rows == 0 ? 0 : s.Length / _rows;
            var column = new string[_rows];
            for (var r = 0; r < _rows; r++)
            {
                var order = Enumerable.Range(0, width).Where(l => s[(r * width) + l] > 0)
                    .OrderByDescending(l => s[(r * width) + l]).ThenBy(l => l).Take(_kind == BlendKind.RankVote ? _listLength : 1);
                column[r] = string.Join(' ', order.Select(l => _labels[l]));
            }

            return column;
        }).ToArray();
    }
}

/// <summary>One node's predictions as an ensemble member: text columns, and numbers for <see cref="BlendKind.Mean"/>.</summary>
internal sealed record Member(string NodeId, string[][] Columns, double[][]? Numbers);
