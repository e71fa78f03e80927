namespace AgentML.Core.Metrics;

/// <summary>A metric over class labels; per-class probability columns are reduced to their arg-max.</summary>
internal sealed class LabelMetric(string name, Func<string[], string[], string, double> score) : IMetric
{
    public string Name => name;

    public bool HigherIsBetter => true;

    public MetricInputKind InputKind => MetricInputKind.Labels;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (truth, predicted) = MetricColumns.Labels(input);
        var positive = MetricColumns.PositiveLabel(input, truth, predicted);
        return score(truth, predicted, positive);
    }
}

/// <summary>A regression metric, averaged over value columns (scikit-learn's multioutput='uniform_average').</summary>
internal sealed class ValueMetric(string name, bool higherIsBetter, Func<double[], double[], double> score) : IMetric
{
    public string Name => name;

    public bool HigherIsBetter => higherIsBetter;

    public MetricInputKind InputKind => MetricInputKind.Values;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = new double[input.Columns.Count];
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = score(input.AnswerValues(c), input.PredictionValues(c));
        }

        return scores.Average();
    }
}

/// <summary>ROC AUC: binary on one probability column; mean column-wise for several columns (multi-label, or one-vs-rest per class).</summary>
internal sealed class RocAucMetric : IMetric
{
    public string Name => MetricNames.RocAuc;

    public bool HigherIsBetter => true;

    public MetricInputKind InputKind => MetricInputKind.Probabilities;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = new double[input.Columns.Count];
        for (var c = 0; c < scores.Length; c++)
        {
            var positives = MetricColumns.Positives(input, c);
            try
            {
                scores[c] = ProbabilityMetrics.RocAuc(positives, input.PredictionValues(c));
            }
            catch (MetricUndefinedException ex) when (scores.Length > 1)
            {
                throw new MetricUndefinedException($"column '{input.Columns[c]}': {ex.Message}", ex);
            }
        }

        return scores.Average();
    }
}

/// <summary>Log loss: binary on one column, multiclass over per-class columns (rows renormalised), mean of binary losses for multi-label.</summary>
internal sealed class LogLossMetric(double epsilon = ProbabilityMetrics.DefaultLogLossEpsilon) : IMetric
{
    public string Name => MetricNames.LogLoss;

    public bool HigherIsBetter => false;

    public MetricInputKind InputKind => MetricInputKind.Probabilities;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns.Count == 1 || input.MultiLabel)
        {
            return Enumerable.Range(0, input.Columns.Count)
                .Select(c => ProbabilityMetrics.LogLoss(MetricColumns.Positives(input, c), input.PredictionValues(c), epsilon))
                .Average();
        }

        var trueClass = MetricColumns.OneHotClasses(input);
        var columns = Enumerable.Range(0, input.Columns.Count).Select(input.PredictionValues).ToArray();
        var rows = new double[input.RowCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = columns.Select(col => col[r]).ToArray();
        }

        return ProbabilityMetrics.LogLoss(trueClass, rows, epsilon);
    }
}

/// <summary>Mean average precision at k over space-separated lists; k unbounded for the plain name "map@k".</summary>
internal sealed class MapAtKMetric(int? k) : IMetric
{
    public string Name => k is { } n ? $"map@{n}" : MetricNames.MapAtK;

    public bool HigherIsBetter => true;

    public MetricInputKind InputKind => MetricInputKind.Rankings;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns.Count != 1)
        {
            throw new InvalidPredictionException($"map@k scores one column of space-separated items, not {input.Columns.Count}");
        }

        static IReadOnlyList<string> Split(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return RankingMetrics.MeanAveragePrecisionAtK(
            input.Answers[0].Select(Split).ToArray(), input.Predictions[0].Select(Split).ToArray(), k ?? int.MaxValue);
    }
}
