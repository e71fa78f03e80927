namespace AgentML.Core.Metrics;

/// <summary>A metric over aligned answers and predictions (already parsed by the grader).</summary>
public interface IMetric
{
    /// <summary>Name as in <see cref="MetricNames"/>.</summary>
    string Name { get; }

    bool HigherIsBetter { get; }

    /// <summary>What the metric reads from the prediction columns.</summary>
    MetricInputKind InputKind { get; }

    /// <summary>
    /// Scores aligned answers and predictions. Throws <see cref="InvalidPredictionException"/> when a prediction
    /// cannot be used (NaN, text where a number is needed) and <see cref="MetricUndefinedException"/> when the metric
    /// is undefined for these answers (as scikit-learn raises); the grader turns both into an invalid-submission reason.
    /// </summary>
    double Score(MetricInput input);
}

/// <summary>What a metric reads from the prediction columns.</summary>
public enum MetricInputKind
{
    /// <summary>Class labels (or per-class probabilities, reduced to their arg-max).</summary>
    Labels,

    /// <summary>Probabilities or scores: one positive-class column, one column per class, or one column per label.</summary>
    Probabilities,

    /// <summary>Numbers (regression).</summary>
    Values,

    /// <summary>Space-separated ranked lists.</summary>
    Rankings,
}

/// <summary>Extension helpers over metrics.</summary>
public static class MetricExtensions
{
    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> under this metric.</summary>
    public static bool IsBetter(this IMetric metric, double candidate, double incumbent)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.HigherIsBetter ? candidate > incumbent : candidate < incumbent;
    }

    /// <summary>Scores aligned numbers: regression values, or 0/1 answers with positive-class probabilities.</summary>
    public static double Score(this IMetric metric, IReadOnlyList<double> answers, IReadOnlyList<double> predictions)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Score(MetricInput.Values(answers, predictions));
    }

    /// <summary>Scores aligned labels (accuracy, f1, kappa, ...); <paramref name="positiveLabel"/> for binary f1.</summary>
    public static double Score(this IMetric metric, IReadOnlyList<string> answers, IReadOnlyList<string> predictions, string? positiveLabel = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Score(MetricInput.Labels(answers, predictions, positiveLabel));
    }

    /// <summary>The score turned into "higher is better" (negated for losses), for ranking.</summary>
    public static double Oriented(this IMetric metric, double score)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.HigherIsBetter ? score : -score;
    }
}
