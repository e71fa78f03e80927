namespace AgentML.Core.Metrics;

/// <summary>Probability metrics over aligned arrays, equal to scikit-learn 1.2.</summary>
public static class ProbabilityMetrics
{
    /// <summary>scikit-learn 1.2's default clipping for log_loss (eps="auto": the float64 machine epsilon).</summary>
    public const double DefaultLogLossEpsilon = 2.220446049250313e-16;

    /// <summary>Binary ROC AUC (trapezoidal area under the ROC curve, ties handled as scikit-learn).</summary>
    public static double RocAuc(ReadOnlySpan<bool> positive, ReadOnlySpan<double> score)
    {
        RegressionMetrics.CheckLengths(positive.Length, score.Length);
        var order = new int[score.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var scores = score.ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        double tps = 0, fps = 0, prevTps = 0, prevFps = 0;
        var points = new List<(double Fp, double Tp)> { (0, 0) };
        for (var k = 0; k < order.Length; k++)
        {
            if (positive[order[k]])
            {
                tps++;
            }
            else
            {
                fps++;
            }

            if (k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]])
            {
                points.Add((fps, tps));
                prevTps = tps;
                prevFps = fps;
            }
        }

        if (prevTps == 0 || prevFps == 0)
        {
            throw new MetricUndefinedException("Only one class present in the answers: ROC AUC is not defined");
        }

        var areas = new double[points.Count - 1];
        for (var i = 1; i < points.Count; i++)
        {
            var dx = (points[i].Fp / prevFps) - (points[i - 1].Fp / prevFps);
            areas[i - 1] = dx * ((points[i].Tp / prevTps) + (points[i - 1].Tp / prevTps)) / 2;
        }

        return Sums.Sum(areas);
    }

    /// <summary>Binary log loss of the positive-class probability, clipped to [eps, 1-eps].</summary>
    public static double LogLoss(ReadOnlySpan<bool> positive, ReadOnlySpan<double> probability, double epsilon = DefaultLogLossEpsilon)
    {
        RegressionMetrics.CheckLengths(positive.Length, probability.Length);
        var losses = new double[positive.Length];
        for (var i = 0; i < losses.Length; i++)
        {
            var p = Math.Clamp(probability[i], epsilon, 1 - epsilon);
            var q = 1 - p;
            var sum = q + p;
            losses[i] = -Math.Log((positive[i] ? p : q) / sum);
        }

        return Sums.Mean(losses);
    }

    /// <summary>
    /// Multiclass log loss: <paramref name="trueClass"/>[i] indexes the columns of <paramref name="probabilities"/>[i];
    /// each probability is clipped to [eps, 1-eps] and each row renormalised to sum 1, as scikit-learn 1.2.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<int> trueClass, IReadOnlyList<double[]> probabilities, double epsilon = DefaultLogLossEpsilon)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (trueClass.Length != probabilities.Count)
        {
            throw new ArgumentException($"{trueClass.Length} answers but {probabilities.Count} prediction rows.");
        }

        if (trueClass.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        var losses = new double[trueClass.Length];
        for (var i = 0; i < losses.Length; i++)
        {
            var row = probabilities[i];
            var clipped = new double[row.Length];
            for (var c = 0; c < row.Length; c++)
            {
                clipped[c] = Math.Clamp(row[c], epsilon, 1 - epsilon);
            }

            var sum = SumInOrder(clipped);
            losses[i] = -Math.Log(clipped[trueClass[i]] / sum);
        }

        return Sums.Mean(losses);
    }

    // NumPy sums a short row left to right (pairwise only kicks in past 8 elements); Neumaier is at least as exact.
    private static double SumInOrder(double[] values) => values.Length <= 8 ? values.Aggregate(0.0, (a, b) => a + b) : Sums.Sum(values);
}
