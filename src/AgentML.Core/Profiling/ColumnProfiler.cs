using System.Globalization;
using System.Text.RegularExpressions;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;

namespace AgentML.Core.Profiling;

/// <summary>Profiles one column: kind (with the reason), missing share, cardinality, length, numeric summary, top values.</summary>
public static partial class ColumnProfiler
{
    private const int TopCount = 5;
    private const int DateSample = 200;
    private const int MaxShownLength = 60;

    public static ColumnProfile Profile(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbers = new List<double>(values.Count);
        var numeric = true;
        var missing = 0;
        long totalLength = 0;
        long whitespaceValues = 0;
        foreach (var raw in values)
        {
            if (ColumnValues.IsMissing(raw))
            {
                missing++;
                continue;
            }

            var v = raw.Trim();
            counts[v] = counts.GetValueOrDefault(v) + 1;
            totalLength += v.Length;
            if (v.AsSpan().ContainsAny(' ', '\n', '\t'))
            {
                whitespaceValues++;
            }

            if (numeric)
            {
                if (NumberParsing.TryParse(v, out var d) && double.IsFinite(d))
                {
                    numbers.Add(d);
                }
                else
                {
                    numeric = false;
                }
            }
        }

        var present = values.Count - missing;
        var summary = numeric && present > 0 ? Summarize(numbers) : null;
        var (kind, reason) = Decide(name, values.Count, present, counts, summary, totalLength, whitespaceValues);
        return new ColumnProfile
        {
            Name = name,
            Kind = kind,
            KindReason = reason,
            MissingShare = values.Count == 0 ? 0 : (double)missing / values.Count,
            Cardinality = counts.Count,
            MeanLength = present == 0 ? 0 : (double)totalLength / present,
            Numeric = summary,
            TopValues = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopCount)
                .Select(kv => new KeyValuePair<string, int>(Shorten(kv.Key), kv.Value)).ToList(),
        };
    }

    private static (ColumnKind, string) Decide(
        string name, int rows, int present, Dictionary<string, int> counts, NumericSummary? summary, long totalLength, long whitespaceValues)
    {
        if (present == 0)
        {
            return (ColumnKind.Constant, "every value is missing");
        }

        if (counts.Count == 1)
        {
            return (ColumnKind.Constant, $"a single distinct value ('{Shorten(counts.Keys.First())}')");
        }

        var unique = counts.Count == rows;
        if (summary is not null)
        {
            if (unique && summary.AllIntegers && (IdName().IsMatch(name) || summary.Max - summary.Min < 2.0 * rows))
            {
                return (ColumnKind.IdLike, IdName().IsMatch(name)
                    ? "distinct integers, one per row, and an id-like name"
                    : "distinct integers, one per row, densely covering a range");
            }

            return (ColumnKind.Numeric, $"every non-missing value is a number{(summary.AllIntegers ? " (integers)" : "")}; {counts.Count} distinct");
        }

        var meanLength = (double)totalLength / present;
        var spaced = (double)whitespaceValues / present;
        if (LooksLikeDates(counts.Keys))
        {
            return (ColumnKind.Datetime, "the values parse as dates or times");
        }

        if (unique && spaced < 0.05 && meanLength <= 40)
        {
            return (ColumnKind.IdLike, "distinct short strings without spaces, one per row");
        }

        var distinctRatio = (double)counts.Count / present;
        if (meanLength >= 50 || (distinctRatio >= 0.5 && spaced >= 0.5 && meanLength >= 10))
        {
            return (ColumnKind.Text, $"free text: mean length {meanLength:0.#} characters, {distinctRatio:P0} of values distinct");
        }

        return (ColumnKind.Categorical, $"{counts.Count} distinct non-numeric values");
    }

    private static bool LooksLikeDates(IEnumerable<string> distinct)
    {
        var sample = distinct.Take(DateSample).ToList();
        if (sample.Count == 0 || sample.Any(s => s.Length < 6 || s.Length > 40 || !s.AsSpan().ContainsAny("-/:.")))
        {
            return false;
        }

        var parsed = sample.Count(s => DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _));
        return parsed >= 0.95 * sample.Count;
    }

    private static NumericSummary Summarize(List<double> values)
    {
        var n = values.Count;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mean = Sums.Mean(sorted);
        double m2 = 0, m3 = 0;
        foreach (var v in sorted)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }

        var std = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        // Adjusted Fisher-Pearson skewness, as pandas' Series.skew().
        var skew = n > 2 && m2 > 0 ? Math.Sqrt((double)n * (n - 1)) / (n - 2) * ((m3 / n) / Math.Pow(m2 / n, 1.5)) : 0;
        var allIntegers = sorted.All(v => Math.Abs(v % 1) == 0);
        return new NumericSummary(sorted[0], sorted[^1], mean, std, median, skew, allIntegers);
    }

    private static string Shorten(string s)
    {
        var flat = s.ReplaceLineEndings(" ");
        return flat.Length <= MaxShownLength ? flat : flat[..MaxShownLength] + "...";
    }

    [GeneratedRegex(@"(^id$|^id[_\W]|[_\W]id$|Id$|ID$|^index$|^key$|^row_?id$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdName();
}
