using AgentML.Core.Profiling;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>Whether a column can be a target, and what kind of target it makes.</summary>
public sealed class TargetScreen
{
    /// <summary>Classes with fewer rows are left out of a task (their rows are dropped).</summary>
    public const int MinClassRows = 20;

    /// <summary>At most this many classes for a classification target.</summary>
    public const int MaxClasses = 100;

    /// <summary>Integer columns with at most this many values are ordinal classes.</summary>
    public const int MaxOrdinalValues = 15;

    /// <summary>A target with more missing values is not used.</summary>
    public const double MaxMissingShare = 0.3;

    private readonly ForgeKnowledge _knowledge;

    public TargetScreen(ForgeKnowledge knowledge) => _knowledge = knowledge;

    /// <summary>Null when <paramref name="column"/> may be a target; else why not.</summary>
    public string? WhyNot(RawDataset data, ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        switch (column.Kind)
        {
            case ColumnKind.IdLike:
                return $"id-like ({column.KindReason})";
            case ColumnKind.Constant:
                return $"constant ({column.KindReason})";
            case ColumnKind.Text:
                return $"free text ({column.KindReason})";
            case ColumnKind.Datetime:
                return "a date or time";
        }

        if (ForgeKnowledge.NameHas(column.Name, _knowledge.TimeNameHints))
        {
            return "the name marks a time column";
        }

        if (column.MissingShare > MaxMissingShare)
        {
            return $"{Percent.Of(column.MissingShare, 0)} missing";
        }

        var kept = KeptClasses(data.Column(column.Name));
        var classes = IsClassification(column);
        if (classes && kept.Count < 2)
        {
            return $"fewer than two classes with at least {MinClassRows} rows";
        }

        if (classes)
        {
            var values = data.Column(column.Name);
            var keptRows = values.Counts().Where(kv => kept.Contains(kv.Key)).Sum(kv => kv.Value);
            if (keptRows < 0.9 * values.PresentCount)
            {
                return $"rare classes hold {Percent.Of(1 - ((double)keptRows / values.PresentCount))} of the rows";
            }
        }

        if (classes && column.Cardinality > MaxClasses)
        {
            return $"{column.Cardinality} classes (more than {MaxClasses})";
        }

        if (!classes && column.Numeric is null)
        {
            return "neither numeric nor a small set of classes";
        }

        if (!classes && column.Cardinality < 10)
        {
            return $"only {column.Cardinality} distinct numbers";
        }

        if (!classes && column.TopValues.Count > 0 && column.TopValues[0].Value > 0.5 * data.Column(column.Name).PresentCount)
        {
            return $"mostly one value ({column.TopValues[0].Key} in {Percent.Of((double)column.TopValues[0].Value / data.Column(column.Name).PresentCount)} of rows)";
        }

        return NearCopyOf(data, column.Name) is { } copy ? $"a near-copy of column '{copy}'" : null;
    }

    /// <summary>True for columns that make a classification target (2 values, categories, small integer scales).</summary>
    public static bool IsClassification(ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Cardinality == 2 || column.Kind == ColumnKind.Categorical)
        {
            return true;
        }

        return column.Numeric is { AllIntegers: true } && column.Cardinality <= MaxOrdinalValues;
    }

    /// <summary>Classes with a smaller share of the rows are left out of a task (their rows are dropped).</summary>
    public const double MinClassShare = 0.01;

    /// <summary>The classes with enough rows (at least <see cref="MinClassRows"/> and <see cref="MinClassShare"/>), sorted (ordinal by number when numeric).</summary>
    public static IReadOnlyList<string> KeptClasses(ColumnData column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var present = column.PresentCount;
        var kept = column.Counts().Where(kv => kv.Value >= MinClassRows && kv.Value >= MinClassShare * present).Select(kv => kv.Key);
        return column.IsNumeric
            ? kept.OrderBy(k => double.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : kept.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A column that holds the same information as <paramref name="target"/> (an exact relabelling or copy), if any.</summary>
    public static string? NearCopyOf(RawDataset data, string target)
    {
        ArgumentNullException.ThrowIfNull(data);
        var t = data.Column(target);
        foreach (var other in data.Columns.Where(c => c.Name != target))
        {
            if (t.IsNumeric && other.IsNumeric && Math.Abs(Stats.Pearson(t.Numbers, other.Numbers)) >= 0.99999)
            {
                return other.Name;
            }

            if (Association.Determines(other, t) >= 0.9999 && Association.Determines(t, other) >= 0.9999)
            {
                return other.Name;
            }
        }

        return null;
    }
}
