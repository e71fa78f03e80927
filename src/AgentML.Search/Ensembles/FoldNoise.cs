using AgentML.Core.Metrics;
using AgentML.Search.Scoring;

namespace AgentML.Search.Ensembles;

/// <summary>
/// Whether two predictions of the same training rows differ by more than the run's folds can tell: the gap between
/// their scores against the standard error of their paired per-fold differences. On a few hundred rows most of a
/// search's nodes are within that noise of the best one, and the node that leads is mostly the luckiest (the winner's
/// curse); on large data the band is narrow and only near-equals fall in it.
/// </summary>
internal sealed class FoldNoise
{
    /// <summary>Standard errors within which a node counts as tied with the best.</summary>
    public const double Sigmas = 2;

    private readonly Labelled _rows;
    private readonly IReadOnlyList<int>[] _folds;

    public FoldNoise(Labelled rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;
        _folds = rows.RowsByFold();
    }

    /// <summary>The metric on all rows and on each fold's rows; null when the score is undefined.</summary>
    public (double Score, double[] Folds)? Judge(string[][] predictions)
    {
        try
        {
            var score = _rows.Score(predictions);
            return double.IsFinite(score) ? (score, FoldScores(predictions)) : null;
        }
        catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
        {
            return null;
        }
    }

    /// <summary>The metric on each fold's rows; empty when the rows have fewer than two folds or a fold's score is undefined.</summary>
    public double[] FoldScores(string[][] predictions)
    {
        if (_folds.Length < 2)
        {
            return [];
        }

        try
        {
            var scores = _folds.Select(rows => _rows.Score(predictions, rows)).ToArray();
            return scores.All(double.IsFinite) ? scores : [];
        }
        catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
        {
            return [];
        }
    }

    /// <summary>
    /// True when <paramref name="candidate"/> is better than <paramref name="reference"/> or behind it by at most
    /// <see cref="Sigmas"/> standard errors of the paired fold differences; false when either has no fold scores.
    /// </summary>
    public bool Within((double Score, double[] Folds) candidate, (double Score, double[] Folds) reference)
    {
        if (candidate.Folds.Length < 2 || candidate.Folds.Length != reference.Folds.Length)
        {
            return false;
        }

        var metric = _rows.Metric;
        var differences = candidate.Folds.Zip(reference.Folds, (c, r) => metric.Oriented(c) - metric.Oriented(r)).ToArray();
        var error = NodeScorer.StandardDeviation(differences) / Math.Sqrt(differences.Length);
        var shortfall = metric.Oriented(reference.Score) - metric.Oriented(candidate.Score);
        return shortfall <= (Sigmas * error) + 1e-12;
    }
}
