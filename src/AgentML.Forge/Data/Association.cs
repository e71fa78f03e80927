using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>How strongly one column tells another: the screens behind target choice, feature dropping and leakage checks.</summary>
public static class Association
{
    private const int Bins = 64;
    private const string MissingBin = "\u2205";

    /// <summary>The screens look at most this many rows (an even spread over the table): enough to tell signal and copies apart on big files.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Row indices 0..count-1, thinned to at most <see cref="MaxRows"/> by a fixed stride.</summary>
    public static int[] SampleRows(int count)
    {
        var stride = Math.Max(1, (count + MaxRows - 1) / MaxRows);
        return Enumerable.Range(0, (count + stride - 1) / stride).Select(k => k * stride).ToArray();
    }

    /// <summary>
    /// How well <paramref name="feature"/> alone predicts <paramref name="target"/> on held-out rows (every other
    /// row): for classes, accuracy of the per-value (or per-quantile-bin) majority normalised against the majority
    /// class (0 = no better, 1 = perfect); for numbers, R² of the per-bin mean. Rows with a missing target are ignored.
    /// </summary>
    public static double Predictability(ColumnData feature, ColumnData target, bool classification)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(target);
        var rows = SampleRows(target.Count).Where(i => !target.Missing[i]).ToArray();
        var fit = rows.Where((_, k) => k % 2 == 0).ToArray();
        var eval = rows.Where((_, k) => k % 2 == 1).ToArray();
        if (fit.Length < 10 || eval.Length < 10)
        {
            return 0;
        }

        var bin = Binner(feature, fit);
        return classification ? ClassPredictability(bin, target, fit, eval) : ValuePredictability(bin, target, fit, eval);
    }

    /// <summary>
    /// How cleanly a numeric <paramref name="feature"/> alone separates a two-class <paramref name="target"/>, as
    /// 2·|AUC − 0.5| over the rows where both are present (1 = a threshold splits the classes exactly, 0 = no order);
    /// 0 for other targets or features. The binned screen needs many rows per bin; this one does not.
    /// </summary>
    public static double Separation(ColumnData feature, ColumnData target)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(target);
        if (!feature.IsNumeric)
        {
            return 0;
        }

        var rows = SampleRows(target.Count).Where(i => !target.Missing[i] && !double.IsNaN(feature.Numbers[i])).ToArray();
        var labels = rows.Select(target.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length != 2 || rows.Length < 20)
        {
            return 0;
        }

        var ranks = Stats.Ranks(rows.Select(i => feature.Numbers[i]).ToArray());
        var positive = rows.Select((i, k) => (Positive: target.Key(i) == labels[1], Rank: ranks[k])).Where(x => x.Positive).ToArray();
        double p = positive.Length, n = rows.Length - positive.Length;
        if (p == 0 || n == 0)
        {
            return 0;
        }

        var auc = (positive.Sum(x => x.Rank + 1) - (p * (p + 1) / 2)) / (p * n);
        return 2 * Math.Abs(auc - 0.5);
    }

    /// <summary>
    /// Share of rows whose <paramref name="b"/> equals the most common <paramref name="b"/> among the rows with the
    /// same <paramref name="a"/> (1 = b is a function of a). Only meaningful when a has few values; null otherwise.
    /// </summary>
    public static double? Determines(ColumnData a, ColumnData b, int maxCardinality = 100)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var n = 0;
        foreach (var i in SampleRows(a.Count))
        {
            if (a.Missing[i] || b.Missing[i])
            {
                continue;
            }

            n++;
            var key = a.Key(i);
            var g = groups.TryGetValue(key, out var found) ? found : groups[key] = new Dictionary<string, int>(StringComparer.Ordinal);
            if (groups.Count > maxCardinality)
            {
                return null;
            }

            var value = b.Key(i);
            g[value] = g.GetValueOrDefault(value) + 1;
        }

        if (n == 0 || groups.Count > maxCardinality || groups.Count * 5 > n)
        {
            return null;
        }

        return (double)groups.Values.Sum(g => g.Values.Max()) / n;
    }

    /// <summary>Share of rows (both present) where the two columns hold the same value.</summary>
    public static double SameValueShare(ColumnData a, ColumnData b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = 0, same = 0;
        foreach (var i in SampleRows(a.Count))
        {
            if (a.Missing[i] || b.Missing[i])
            {
                continue;
            }

            n++;
            if (a.Key(i) == b.Key(i))
            {
                same++;
            }
        }

        return n == 0 ? 0 : (double)same / n;
    }

    /// <summary>Share of the values of <paramref name="a"/> (by row) that occur among the values of <paramref name="b"/>.</summary>
    public static double ValueOverlap(ColumnData a, ColumnData b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var set = new HashSet<string>(Enumerable.Range(0, b.Count).Where(i => !b.Missing[i]).Select(b.Key), StringComparer.Ordinal);
        var present = SampleRows(a.Count).Where(i => !a.Missing[i]).ToArray();
        return present.Length == 0 ? 0 : (double)present.Count(i => set.Contains(a.Key(i))) / present.Length;
    }

    private static Func<int, string> Binner(ColumnData feature, int[] fit)
    {
        if (!feature.IsNumeric)
        {
            return i => feature.Missing[i] ? MissingBin : feature.Values[i];
        }

        var sorted = fit.Select(i => feature.Numbers[i]).Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return _ => MissingBin;
        }

        var cuts = Enumerable.Range(1, Bins - 1).Select(k => sorted[(int)((long)k * (sorted.Length - 1) / Bins)]).Distinct().ToArray();
        return i =>
        {
            var v = feature.Numbers[i];
            if (double.IsNaN(v))
            {
                return MissingBin;
            }

            var index = Array.BinarySearch(cuts, v);
            return (index < 0 ? ~index : index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        };
    }

    private static double ClassPredictability(Func<int, string> bin, ColumnData target, int[] fit, int[] eval)
    {
        var byBin = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in fit)
        {
            var b = bin(i);
            var t = target.Key(i);
            var counts = byBin.TryGetValue(b, out var found) ? found : byBin[b] = new Dictionary<string, int>(StringComparer.Ordinal);
            counts[t] = counts.GetValueOrDefault(t) + 1;
            overall[t] = overall.GetValueOrDefault(t) + 1;
        }

        var majority = Majority(overall);
        var correct = eval.Count(i => (byBin.TryGetValue(bin(i), out var c) ? Majority(c) : majority) == target.Key(i));
        var evalMajorityShare = (double)eval.GroupBy(target.Key).Max(g => g.Count()) / eval.Length;
        var accuracy = (double)correct / eval.Length;
        return evalMajorityShare >= 1 ? 0 : Math.Max(0, (accuracy - evalMajorityShare) / (1 - evalMajorityShare));
    }

    private static double ValuePredictability(Func<int, string> bin, ColumnData target, int[] fit, int[] eval)
    {
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var i in fit)
        {
            var b = bin(i);
            var (s, c) = sums.GetValueOrDefault(b);
            sums[b] = (s + target.Numbers[i], c + 1);
        }

        var globalMean = fit.Average(i => target.Numbers[i]);
        var evalMean = eval.Average(i => target.Numbers[i]);
        double sse = 0, sst = 0;
        foreach (var i in eval)
        {
            var prediction = sums.TryGetValue(bin(i), out var sc) ? sc.Sum / sc.Count : globalMean;
            var y = target.Numbers[i];
            sse += (y - prediction) * (y - prediction);
            sst += (y - evalMean) * (y - evalMean);
        }

        return sst <= 1e-12 ? 0 : Math.Max(0, 1 - (sse / sst));
    }

    private static string Majority(Dictionary<string, int> counts) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
}
