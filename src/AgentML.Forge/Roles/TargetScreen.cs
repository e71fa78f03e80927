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

        return CopyOf(data, column.Name) is { } original
            ? $"a copy of '{original}' (each predicts the other almost perfectly): '{original}' is kept as the original, and this column is dropped from its tasks as a leak"
            : null;
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

    /// <summary>Two columns are copies of each other when each predicts the other at least this well (held-out, one feature alone).</summary>
    public const double CopyPredictability = 0.97;

    /// <summary>Tables with more columns get only the cheap copy screens (correlation, one value fixing the other).</summary>
    public const int MaxColumnsForFullCopyScreen = 60;

    /// <summary>
    /// The column that <paramref name="column"/> is a copy of and that is the better target (the original), if any. A
    /// copy is an exact or noisy duplicate, a relabelling or a banding (each column predicts the other almost
    /// perfectly); the original is the one whose name reads like a target, else the one whose name the other's
    /// extends (score → score_check), else the earlier column. The copy is then a leak of the original's target.
    /// </summary>
    public string? CopyOf(RawDataset data, string column)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = data.Columns.Select(c => c.Name).ToList().IndexOf(column);
        var self = data.Column(column);
        var full = data.Columns.Count <= MaxColumnsForFullCopyScreen;
        for (var k = 0; k < data.Columns.Count; k++)
        {
            var other = data.Columns[k];
            if (other.Name == column || data.ColumnProfile(other.Name).Kind is ColumnKind.IdLike or ColumnKind.Constant or ColumnKind.Text
                || !AreCopies(self, other, full) || !IsOriginal(other.Name, k, column, index))
            {
                continue;
            }

            return other.Name;
        }

        return null;
    }

    /// <summary>True when the columns hold the same information: an exact or noisy copy, a relabelling, a banding.</summary>
    public static bool AreCopies(ColumnData a, ColumnData b, bool full = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsNumeric && b.IsNumeric && Math.Abs(Stats.Pearson(Sampled(a), Sampled(b))) >= 0.99)
        {
            return true;
        }

        if (Association.Determines(b, a) >= 0.99 && Association.Determines(a, b) >= 0.99)
        {
            return true;
        }

        return full && Predicts(a, b) && Predicts(b, a);
    }

    private static bool Predicts(ColumnData feature, ColumnData target)
    {
        var classes = !target.IsNumeric || target.Counts().Count <= MaxOrdinalValues;
        return Association.Predictability(feature, target, classes) >= CopyPredictability;
    }

    private static double[] Sampled(ColumnData column) => Association.SampleRows(column.Count).Select(i => column.Numbers[i]).ToArray();

    private bool IsOriginal(string candidate, int candidateIndex, string copy, int copyIndex)
    {
        var (a, b) = (_knowledge.ReadsLikeTarget(candidate), _knowledge.ReadsLikeTarget(copy));
        if (a != b)
        {
            return a;
        }

        var (extendsCandidate, extendsCopy) = (copy.Contains(candidate, StringComparison.OrdinalIgnoreCase), candidate.Contains(copy, StringComparison.OrdinalIgnoreCase));
        if (extendsCandidate != extendsCopy)
        {
            return extendsCandidate;
        }

        return candidateIndex < copyIndex;
    }
}
