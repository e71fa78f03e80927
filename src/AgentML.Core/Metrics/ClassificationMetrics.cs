namespace AgentML.Core.Metrics;

/// <summary>
/// Label metrics over aligned label arrays, equal to scikit-learn 1.2 (zero_division gives 0). Labels are compared
/// as strings; <see cref="LabelOrder"/> sorts them as scikit-learn's np.unique would (numerically when all are numbers).
/// </summary>
public static class ClassificationMetrics
{
    public static double Accuracy(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        RegressionMetrics.CheckLengths(truth, predicted);
        var correct = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] == predicted[i])
            {
                correct++;
            }
        }

        return (double)correct / truth.Length;
    }

    /// <summary>Mean recall over the classes present in the answers.</summary>
    public static double BalancedAccuracy(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        var counts = Count(truth, predicted);
        var recalls = new List<double>();
        foreach (var (_, c) in counts)
        {
            if (c.True > 0)
            {
                recalls.Add((double)c.TruePositive / c.True);
            }
        }

        return Sums.Mean(recalls);
    }

    /// <summary>F1 of <paramref name="positiveLabel"/> (sklearn average='binary').</summary>
    public static double F1Binary(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted, string positiveLabel)
    {
        var counts = Count(truth, predicted);
        if (counts.Count > 2)
        {
            throw new InvalidPredictionException(
                $"f1 (binary) needs at most two labels but found {counts.Count} ({string.Join(", ", LabelOrder(counts.Keys).Take(5))}...); use f1_macro or f1_micro");
        }

        if (counts.Count == 2 && !counts.ContainsKey(positiveLabel))
        {
            throw new InvalidPredictionException($"the positive label '{positiveLabel}' is not one of the labels ({string.Join(", ", LabelOrder(counts.Keys))})");
        }

        var c = counts.GetValueOrDefault(positiveLabel);
        return FScore(c.TruePositive, c.Predicted, c.True);
    }

    /// <summary>Unweighted mean of per-label F1 over every label in answers or predictions.</summary>
    public static double F1Macro(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        var counts = Count(truth, predicted);
        var scores = LabelOrder(counts.Keys).Select(l => FScore(counts[l].TruePositive, counts[l].Predicted, counts[l].True)).ToArray();
        return Sums.Mean(scores);
    }

    /// <summary>F1 from global counts (equals accuracy for single-label multiclass).</summary>
    public static double F1Micro(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        var counts = Count(truth, predicted);
        long tp = 0, pred = 0, tru = 0;
        foreach (var c in counts.Values)
        {
            tp += c.TruePositive;
            pred += c.Predicted;
            tru += c.True;
        }

        return FScore(tp, pred, tru);
    }

    /// <summary>Cohen's kappa with quadratic weights over the sorted labels' positions (sklearn cohen_kappa_score). NaN when undefined, as sklearn.</summary>
    public static double QuadraticWeightedKappa(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        RegressionMetrics.CheckLengths(truth, predicted);
        var labels = LabelOrder(Distinct(truth, predicted));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            index[labels[i]] = i;
        }

        var n = labels.Count;
        var confusion = new double[n, n];
        var rowSums = new double[n];
        var colSums = new double[n];
        for (var i = 0; i < truth.Length; i++)
        {
            int t = index[truth[i]], p = index[predicted[i]];
            confusion[t, p]++;
            rowSums[t]++;
            colSums[p]++;
        }

        var total = (double)truth.Length;
        var observed = new List<double>(n * n);
        var expected = new List<double>(n * n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double w = (i - j) * (i - j);
                observed.Add(w * confusion[i, j]);
                expected.Add(w * (colSums[i] * rowSums[j] / total));
            }
        }

        return 1 - (Sums.Sum(observed.ToArray()) / Sums.Sum(expected.ToArray()));
    }

    /// <summary>Labels sorted as np.unique sorts them: numerically when every label is a number, else ordinally.</summary>
    public static IReadOnlyList<string> LabelOrder(IEnumerable<string> labels)
    {
        var list = labels.Distinct(StringComparer.Ordinal).ToList();
        if (list.All(l => NumberParsing.TryParse(l, out _)))
        {
            return list.OrderBy(l => NumberParsing.Parse(l)).ThenBy(l => l, StringComparer.Ordinal).ToList();
        }

        return list.Order(StringComparer.Ordinal).ToList();
    }

    private static double FScore(long truePositive, long predicted, long actual)
    {
        var precision = predicted == 0 ? 0.0 : (double)truePositive / predicted;
        var recall = actual == 0 ? 0.0 : (double)truePositive / actual;
        var denominator = precision + recall;
        return denominator == 0 ? 0.0 : 2 * precision * recall / denominator;
    }

    private static HashSet<string> Distinct(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in truth)
        {
            set.Add(t);
        }

        foreach (var p in predicted)
        {
            set.Add(p);
        }

        return set;
    }

    private static Dictionary<string, LabelCounts> Count(ReadOnlySpan<string> truth, ReadOnlySpan<string> predicted)
    {
        RegressionMetrics.CheckLengths(truth, predicted);
        var counts = new Dictionary<string, LabelCounts>(StringComparer.Ordinal);
        for (var i = 0; i < truth.Length; i++)
        {
            var t = counts.GetValueOrDefault(truth[i]);
            counts[truth[i]] = t with { True = t.True + 1, TruePositive = t.TruePositive + (truth[i] == predicted[i] ? 1 : 0) };
            var p = counts.GetValueOrDefault(predicted[i]);
            counts[predicted[i]] = p with { Predicted = p.Predicted + 1 };
        }

        return counts;
    }

    private readonly record struct LabelCounts(long True, long Predicted, long TruePositive);
}
