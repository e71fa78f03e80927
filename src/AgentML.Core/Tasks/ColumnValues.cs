using AgentML.Core.Metrics;

namespace AgentML.Core.Tasks;

/// <summary>Facts about one column's values used by task inference (missing values as pandas reads them).</summary>
internal sealed record ColumnValues(string Name, IReadOnlyList<string> Present, IReadOnlyList<string> Distinct, int Missing)
{
    private static readonly HashSet<string> MissingTokens = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    private readonly Lazy<double[]?> _numbers = new(() => ParseAll(Present));

    /// <summary>The values as numbers, or null when one is not a finite number.</summary>
    public double[]? Numbers => _numbers.Value;

    public bool AllNumeric => Present.Count > 0 && Numbers is not null;

    public bool AllIntegers => AllNumeric && Numbers!.All(v => Math.Abs(v % 1) == 0);

    public bool IsZeroOne => AllNumeric && Numbers!.All(v => v is 0 or 1);

    /// <summary>Numeric values strictly between 0 and 1 occur (a probability, not a label).</summary>
    public bool HasFractionsInUnitInterval => AllNumeric && Numbers!.Any(v => v is > 0 and < 1);

    public bool InUnitInterval => AllNumeric && Numbers!.All(v => v is >= 0 and <= 1);

    public bool IsUnique => Missing == 0 && Distinct.Count == Present.Count;

    private static double[]? ParseAll(IReadOnlyList<string> values)
    {
        var result = new double[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (!NumberParsing.TryParse(values[i], out result[i]) || !double.IsFinite(result[i]))
            {
                return null;
            }
        }

        return result;
    }

    public static bool IsMissing(string value) => MissingTokens.Contains(value.Trim());

    public static ColumnValues Of(string name, IEnumerable<string> values)
    {
        var present = new List<string>();
        var missing = 0;
        foreach (var v in values)
        {
            if (IsMissing(v))
            {
                missing++;
            }
            else
            {
                present.Add(v.Trim());
            }
        }

        return new ColumnValues(name, present, present.Distinct(StringComparer.Ordinal).ToList(), missing);
    }
}
