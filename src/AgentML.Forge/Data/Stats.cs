using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>Small statistics over arrays with NaN for missing values.</summary>
public static class Stats
{
    /// <summary>Pearson correlation over rows where both are present; 0 when undefined.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        var n = 0;
        for (var i = 0; i < x.Count; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                continue;
            }

            n++;
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }

        if (n < 3)
        {
            return 0;
        }

        var cov = sxy - (sx * sy / n);
        var vx = sxx - (sx * sx / n);
        var vy = syy - (sy * sy / n);
        return vx <= 1e-12 || vy <= 1e-12 ? 0 : Math.Clamp(cov / Math.Sqrt(vx * vy), -1, 1);
    }

    /// <summary>Spearman correlation (Pearson of average ranks) over rows where both are present.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var rows = Enumerable.Range(0, x.Count).Where(i => !double.IsNaN(x[i]) && !double.IsNaN(y[i])).ToArray();
        var rx = Ranks(rows.Select(i => x[i]).ToArray());
        var ry = Ranks(rows.Select(i => y[i]).ToArray());
        return Pearson(rx, ry);
    }

    /// <summary>Average ranks (ties share their mean rank).</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]].Equals(values[order[i]]))
            {
                j++;
            }

            var rank = (i + j) / 2.0;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }

    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = present.Average();
        var variance = present.Length > 1 ? present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1) : 0;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>Sample skewness (adjusted Fisher–Pearson), 0 when undefined.</summary>
    public static double Skewness(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        var n = present.Length;
        if (n < 3)
        {
            return 0;
        }

        var mean = present.Average();
        double m2 = 0, m3 = 0;
        foreach (var v in present)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }

        m2 /= n;
        m3 /= n;
        if (m2 <= 1e-12)
        {
            return 0;
        }

        var g1 = m3 / Math.Pow(m2, 1.5);
        return Math.Sqrt(n * (n - 1.0)) / (n - 2.0) * g1;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
