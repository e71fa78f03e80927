using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Profiling;

namespace AgentML.Agents.Forge;

/// <summary>
/// Profiles a raw table that has no task yet: the kind of every column (numeric, categorical, free text,
/// datetime, id-like, constant) with the reason, missing share, cardinality and a numeric summary.
/// </summary>
public sealed class RawTableProfiler
{
    /// <summary>Integer or code columns at least this distinct are identifiers.</summary>
    public const double IdDistinctShare = 0.95;

    private readonly ForgeKnowledge _knowledge;

    public RawTableProfiler(ForgeKnowledge knowledge) => _knowledge = knowledge;

    public DataProfile Profile(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = ColumnData.AllFrom(table, _knowledge);
        return new DataProfile { TrainRows = table.Rows.Count, Columns = columns.Select(ProfileColumn).ToArray() };
    }

    public ColumnProfile ProfileColumn(ColumnData column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var counts = column.Counts();
        var present = column.PresentCount;
        var (kind, reason) = Classify(column, counts.Count, present);
        NumericSummary? numeric = null;
        if (column.IsNumeric && present > 0)
        {
            var values = column.Numbers.Where(v => !double.IsNaN(v)).ToArray();
            var (mean, std) = Stats.MeanStd(values);
            numeric = new NumericSummary(values.Min(), values.Max(), mean, std, Stats.Median(values), Stats.Skewness(values),
                values.All(v => Math.Abs(v - Math.Round(v)) < 1e-9));
        }

        return new ColumnProfile
        {
            Name = column.Name,
            Kind = kind,
            KindReason = reason,
            MissingShare = column.Count == 0 ? 0 : 1.0 - ((double)present / column.Count),
            Cardinality = counts.Count,
            MeanLength = present == 0 ? 0 : column.Values.Where((_, i) => !column.Missing[i]).Average(v => v.Length),
            Numeric = numeric,
            TopValues = counts.Take(5).ToArray(),
        };
    }

    private (ColumnKind Kind, string Reason) Classify(ColumnData column, int cardinality, int present)
    {
        if (present == 0)
        {
            return (ColumnKind.Constant, "every value is missing");
        }

        if (cardinality == 1)
        {
            return (ColumnKind.Constant, "a single distinct value");
        }

        if (_knowledge.IsIdName(column.Name) && cardinality > 2)
        {
            return (ColumnKind.IdLike, "the name marks an identifier");
        }

        var distinctShare = (double)cardinality / present;
        if (column.IsNumeric)
        {
            var integers = column.Numbers.All(v => double.IsNaN(v) || Math.Abs(v - Math.Round(v)) < 1e-9);
            if (integers && distinctShare >= IdDistinctShare && present >= 20)
            {
                return (ColumnKind.IdLike, $"{Percent.Of(distinctShare, 0)} of the integer values are distinct");
            }

            return (ColumnKind.Numeric, "numbers");
        }

        if (LooksLikeDates(column))
        {
            return (ColumnKind.Datetime, "values parse as dates");
        }

        var words = column.Values.Where((_, i) => !column.Missing[i]).Average(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var meanLength = column.Values.Where((_, i) => !column.Missing[i]).Average(v => v.Length);
        if (meanLength >= 40 || (words >= 2.5 && distinctShare >= 0.5))
        {
            return (ColumnKind.Text, $"free text (mean {words:F1} words, {Percent.Of(distinctShare, 0)} distinct)");
        }

        if (distinctShare >= 0.9 && present >= 20)
        {
            return (ColumnKind.IdLike, $"{Percent.Of(distinctShare, 0)} of the values are distinct codes");
        }

        return (ColumnKind.Categorical, $"{cardinality} distinct values");
    }

    private static bool LooksLikeDates(ColumnData column)
    {
        var sample = column.Values.Where((_, i) => !column.Missing[i]).Take(500).ToArray();
        if (sample.Length == 0 || !sample.All(v => v.Any(char.IsDigit) && (v.Contains('-') || v.Contains('/') || v.Contains(':'))))
        {
            return false;
        }

        var parsed = sample.Count(v => DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _));
        return parsed >= 0.95 * sample.Length;
    }
}
