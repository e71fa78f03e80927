namespace AgentML.Core.Metrics;

/// <summary>Ranking metrics (Kaggle's MAP@k as in the ml_metrics reference implementation).</summary>
public static class RankingMetrics
{
    /// <summary>Average precision at k of one ranked prediction list against the relevant items.</summary>
    public static double AveragePrecisionAtK(IReadOnlyList<string> actual, IReadOnlyList<string> predicted, int k)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count == 0)
        {
            return 0.0;
        }

        var relevant = actual.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double score = 0, hits = 0;
        for (var i = 0; i < Math.Min(k, predicted.Count); i++)
        {
            var p = predicted[i];
            if (relevant.Contains(p) && !seen.Contains(p))
            {
                hits++;
                score += hits / (i + 1.0);
            }

            seen.Add(p);
        }

        return score / Math.Min(actual.Count, k);
    }

    /// <summary>Mean of <see cref="AveragePrecisionAtK"/> over rows.</summary>
    public static double MeanAveragePrecisionAtK(IReadOnlyList<IReadOnlyList<string>> actual, IReadOnlyList<IReadOnlyList<string>> predicted, int k)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"{actual.Count} answers but {predicted.Count} predictions.");
        }

        if (actual.Count == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        var scores = new double[actual.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = AveragePrecisionAtK(actual[i], predicted[i], k);
        }

        return Sums.Mean(scores);
    }
}
