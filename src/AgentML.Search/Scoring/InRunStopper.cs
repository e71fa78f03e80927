using AgentML.Core.Metrics;

namespace AgentML.Search.Scoring;

/// <summary>
/// Decides from a running program's AGENTML_METRIC lines whether it can still catch up with the best node: the
/// per-step values are paired with the best node's values of the same metric name; the run is stopped when even
/// the optimistic mean difference (mean + 2 standard errors) is clearly worse.
/// </summary>
public sealed class InRunStopper
{
    public const int MinSteps = 2;

    private readonly IReadOnlyDictionary<int, double> _best;
    private readonly bool _higherIsBetter;
    private readonly double _tolerance;

    private InRunStopper(IReadOnlyDictionary<int, double> best, bool higherIsBetter)
    {
        _best = best;
        _higherIsBetter = higherIsBetter;
        var mean = best.Values.Average();
        _tolerance = (0.005 * Math.Abs(mean)) + 1e-12;
    }

    /// <summary>The metric name this stopper watches.</summary>
    public string MetricName { get; private init; } = "";

    /// <summary>
    /// A stopper against the best node's metric lines, or null when they cannot be compared (fewer than
    /// <see cref="MinSteps"/> + 1 steps, or a metric whose direction is unknown).
    /// </summary>
    public static InRunStopper? Create(IReadOnlyList<(string Name, int Step, double Value)> bestLines, string taskMetric, bool taskHigherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(bestLines);
        var byName = bestLines.GroupBy(l => l.Name).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (byName is null)
        {
            return null;
        }

        var steps = byName.GroupBy(l => l.Step).ToDictionary(g => g.Key, g => g.Last().Value);
        if (steps.Count <= MinSteps)
        {
            return null;
        }

        bool higher;
        if (byName.Key.Contains(taskMetric, StringComparison.OrdinalIgnoreCase))
        {
            higher = taskHigherIsBetter;
        }
        else if (MetricRegistry.TryGet(byName.Key, out var metric) && metric is not null)
        {
            higher = metric.HigherIsBetter;
        }
        else
        {
            return null;
        }

        return new InRunStopper(steps, higher) { MetricName = byName.Key };
    }

    /// <summary>True when the candidate's lines so far show it cannot catch up.</summary>
    public bool ShouldStop(IReadOnlyList<(string Name, int Step, double Value)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var diffs = lines.Where(l => l.Name == MetricName && _best.ContainsKey(l.Step))
            .GroupBy(l => l.Step).Select(g => g.Last())
            .Select(l => (_higherIsBetter ? 1 : -1) * (l.Value - _best[l.Step])).ToList();
        if (diffs.Count < MinSteps || diffs.Count >= _best.Count)
        {
            return false;
        }

        var mean = diffs.Average();
        var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / (diffs.Count - 1));
        var optimistic = mean + (2 * sd / Math.Sqrt(diffs.Count));
        return optimistic < -_tolerance;
    }
}
