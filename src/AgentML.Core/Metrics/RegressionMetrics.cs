namespace AgentML.Core.Metrics;

/// <summary>Regression metrics over aligned arrays, equal to scikit-learn 1.2 (single output).</summary>
public static class RegressionMetrics
{
    /// <summary>sqrt(mean((y - p)^2)) — sklearn mean_squared_error(squared=False).</summary>
    public static double Rmse(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted) => Math.Sqrt(Mse(truth, predicted));

    /// <summary>mean((y - p)^2).</summary>
    public static double Mse(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        CheckLengths(truth, predicted);
        var squares = new double[truth.Length];
        for (var i = 0; i < squares.Length; i++)
        {
            var d = truth[i] - predicted[i];
            squares[i] = d * d;
        }

        return Sums.Mean(squares);
    }

    /// <summary>sqrt(mean((log1p y - log1p p)^2)) — sklearn mean_squared_log_error(squared=False); negative values are rejected.</summary>
    public static double Rmsle(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        CheckLengths(truth, predicted);
        var logTruth = new double[truth.Length];
        var logPredicted = new double[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] < 0 || predicted[i] < 0)
            {
                throw new InvalidPredictionException(
                    $"rmsle cannot be used with negative values ({(truth[i] < 0 ? "answer" : "prediction")} {(truth[i] < 0 ? truth[i] : predicted[i])} at row {i + 1})");
            }

            logTruth[i] = Math.Log(1 + truth[i]);
            logPredicted[i] = Math.Log(1 + predicted[i]);
        }

        return Math.Sqrt(Mse(logTruth, logPredicted));
    }

    /// <summary>mean(|y - p|).</summary>
    public static double Mae(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        CheckLengths(truth, predicted);
        var errors = new double[truth.Length];
        for (var i = 0; i < errors.Length; i++)
        {
            errors[i] = Math.Abs(truth[i] - predicted[i]);
        }

        return Sums.Mean(errors);
    }

    /// <summary>Coefficient of determination; constant answers give 1.0 (perfect) or 0.0 (force_finite=True).</summary>
    public static double R2(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        CheckLengths(truth, predicted);
        var mean = Sums.Mean(truth);
        var residual = new double[truth.Length];
        var total = new double[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            residual[i] = (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total[i] = (truth[i] - mean) * (truth[i] - mean);
        }

        var numerator = Sums.Sum(residual);
        var denominator = Sums.Sum(total);
        if (denominator != 0)
        {
            return 1 - (numerator / denominator);
        }

        return numerator == 0 ? 1.0 : 0.0;
    }

    internal static void CheckLengths<T>(ReadOnlySpan<T> truth, ReadOnlySpan<T> predicted) => CheckLengths(truth.Length, predicted.Length);

    internal static void CheckLengths(int truth, int predicted)
    {
        if (truth != predicted)
        {
            throw new ArgumentException($"{truth} answers but {predicted} predictions.");
        }

        if (truth == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }
    }
}
