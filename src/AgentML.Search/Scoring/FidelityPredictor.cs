namespace AgentML.Search.Scoring;

/// <summary>
/// Predicts a candidate's full-fidelity score from its low-fidelity score with a line fitted on (low, full) pairs
/// from the store, and decides promotion with an optimistic bound: promote unless even the optimistic prediction
/// (prediction + z × residual spread, in the better direction) cannot beat the best full score.
/// </summary>
public sealed class FidelityPredictor
{
    /// <summary>Fewer pairs than this: no prediction, every candidate is promoted (the pairs are what it learns from).</summary>
    public const int MinPairs = 4;

    private readonly bool _higherIsBetter;
    private readonly double _z;

    private FidelityPredictor(bool higherIsBetter, double z, int pairs, double intercept, double slope, double spread)
    {
        _higherIsBetter = higherIsBetter;
        _z = z;
        Pairs = pairs;
        Intercept = intercept;
        Slope = slope;
        Spread = spread;
    }

    public int Pairs { get; }

    public double Intercept { get; }

    public double Slope { get; }

    /// <summary>Residual standard deviation (with a floor so a lucky perfect fit stays cautious).</summary>
    public double Spread { get; }

    /// <summary>True when there are enough pairs and the fit is sane (full rises with low).</summary>
    public bool CanPredict => Pairs >= MinPairs && Slope > 0;

    /// <summary>Fits full ≈ intercept + slope × low by least squares.</summary>
    public static FidelityPredictor Fit(IReadOnlyList<(double Low, double Full)> pairs, bool higherIsBetter, double z = 1.645)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var n = pairs.Count;
        if (n < 2)
        {
            return new FidelityPredictor(higherIsBetter, z, n, 0, 0, 0);
        }

        var mx = pairs.Average(p => p.Low);
        var my = pairs.Average(p => p.Full);
        var sxx = pairs.Sum(p => (p.Low - mx) * (p.Low - mx));
        var sxy = pairs.Sum(p => (p.Low - mx) * (p.Full - my));
        var slope = sxx > 0 ? sxy / sxx : 0;
        var intercept = my - (slope * mx);
        var sse = pairs.Sum(p => Math.Pow(p.Full - (intercept + (slope * p.Low)), 2));
        var spread = Math.Sqrt(sse / Math.Max(1, n - 2));
        var scale = pairs.Select(p => Math.Abs(p.Full)).DefaultIfEmpty(1).Average();
        spread = Math.Max(spread, 0.002 * Math.Max(scale, 1e-9));
        return new FidelityPredictor(higherIsBetter, z, n, intercept, slope, spread);
    }

    public double Predict(double low) => Intercept + (Slope * low);

    /// <summary>The optimistic end of the prediction interval (higher for higher-is-better metrics, else lower).</summary>
    public double OptimisticBound(double low)
    {
        var margin = _z * Spread * Math.Sqrt(1 + (1.0 / Math.Max(1, Pairs)));
        return _higherIsBetter ? Predict(low) + margin : Predict(low) - margin;
    }

    /// <summary>Whether a candidate with low-fidelity score <paramref name="low"/> deserves a full run.</summary>
    public bool ShouldPromote(double low, double? bestFull)
    {
        if (!CanPredict || bestFull is null)
        {
            return true;
        }

        var bound = OptimisticBound(low);
        return _higherIsBetter ? bound > bestFull.Value : bound < bestFull.Value;
    }
}
