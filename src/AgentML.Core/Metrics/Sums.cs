namespace AgentML.Core.Metrics;

/// <summary>Accurate summation (Neumaier), so that C# sums match NumPy's pairwise sums far below 1e-9.</summary>
internal static class Sums
{
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (var v in values)
        {
            var t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }

    public static double Mean(ReadOnlySpan<double> values) => values.Length == 0 ? double.NaN : Sum(values) / values.Length;

    public static double Mean(IEnumerable<double> values) => Mean(values.ToArray());
}
