using AgentML.Core.Profiling;
using AgentML.Forge.Roles;

namespace AgentML.Forge.Data;

/// <summary>
/// Finds the columns whose values name groups rather than measure something: integer codes (school 17, subject 308)
/// are categorical, never numeric targets, and together with repeating string codes they are the columns a split
/// can keep whole. Also finds integers that only number the rows within such groups (identifiers).
/// The evidence is the data's shape, not particular names: the rows come in contiguous blocks of one value (a file
/// sorted by its groups), or each value fixes another column (the group's attributes), or the name says code.
/// </summary>
public sealed class CodeDetector(ForgeKnowledge knowledge)
{
    /// <summary>A code repeats: on average at least this many rows per value.</summary>
    public const double MinRowsPerCode = 2;

    /// <summary>A group column for splitting needs at least this many groups.</summary>
    public const int MinGroups = 20;

    /// <summary>A row counter's distinct values are at least this many times the rows of a group.</summary>
    public const double CounterSpread = 3;

    /// <summary>Why each integer column is a code (column name → reason).</summary>
    public IReadOnlyDictionary<string, string> IntegerCodes(IReadOnlyList<ColumnProfile> profiles, IReadOnlyList<ColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(columns);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < profiles.Count; i++)
        {
            var profile = profiles[i];
            if (profile.Kind != ColumnKind.Numeric || profile.Numeric is not { AllIntegers: true } || !Repeats(profile, columns[i])
                || knowledge.ReadsLikeTarget(profile.Name) || ForgeKnowledge.NameHas(profile.Name, knowledge.TimeNameHints))
            {
                continue;
            }

            if (ForgeKnowledge.NameHasWord(profile.Name, knowledge.CodeNameHints) || ForgeKnowledge.NameHasWord(profile.Name, knowledge.EntityNameHints))
            {
                codes[profile.Name] = "integer codes (the name says so) that repeat";
            }
            else if (InBlocks(columns[i]))
            {
                codes[profile.Name] = $"integer codes: the rows come in contiguous blocks of one value ({profile.Cardinality} blocks)";
            }
            else if (AttributeOf(columns[i], profile, profiles, columns) is { } attribute)
            {
                codes[profile.Name] = $"integer codes: each value fixes {attribute} (a group and its attributes)";
            }
        }

        return codes;
    }

    /// <summary>
    /// The columns that name groups a split can keep whole: integer codes and repeating categorical columns in
    /// contiguous blocks, with at least <see cref="MinGroups"/> groups; finest (most groups) first.
    /// </summary>
    public static IReadOnlyList<string> GroupColumns(IReadOnlyList<ColumnProfile> profiles, IReadOnlyList<ColumnData> columns, IReadOnlyCollection<string> codes)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(codes);
        return profiles.Select((p, i) => (Profile: p, Column: columns[i]))
            .Where(x => x.Profile.Kind == ColumnKind.Categorical && x.Profile.Cardinality >= MinGroups && Repeats(x.Profile, x.Column)
                && (codes.Contains(x.Profile.Name) || InBlocks(x.Column)))
            .OrderByDescending(x => x.Profile.Cardinality).Select(x => x.Profile.Name).ToArray();
    }

    /// <summary>A row counter numbers groups of at least this many rows on average (in groups of a few rows, any measurement is unique).</summary>
    public const double MinCounterGroupRows = 8;

    /// <summary>A counter tells no other column more than this (held-out R² of the best single column).</summary>
    public const double MaxCounterSignal = 0.05;

    /// <summary>
    /// An integer column that is unique within the groups of a code or categorical column, has far more values than
    /// a group has rows and tells nothing about the other columns (student 143 of school 7): an identifier, not a
    /// measurement. Null when there is none.
    /// </summary>
    public static string? CounterWithin(ColumnData column, ColumnProfile profile, IReadOnlyList<ColumnProfile> profiles, IReadOnlyList<ColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(columns);
        if (profile.Numeric is not { AllIntegers: true } || profile.Cardinality < 3)
        {
            return null;
        }

        var rows = Association.SampleRows(column.Count).Where(i => !column.Missing[i]).ToArray();
        for (var k = 0; k < profiles.Count; k++)
        {
            var other = profiles[k];
            var groups = columns[k];
            if (other.Name == profile.Name || other.Kind is not (ColumnKind.Categorical or ColumnKind.Numeric) || other.Cardinality < 2
                || other.Cardinality * MinCounterGroupRows > groups.PresentCount || profile.Cardinality < CounterSpread * groups.PresentCount / other.Cardinality)
            {
                continue;
            }

            var pairs = new HashSet<string>(StringComparer.Ordinal);
            var unique = rows.Count(i => pairs.Add(column.Key(i) + "\u0001" + groups.Key(i)));
            if (unique >= 0.99 * rows.Length && Silent(column, columns, groups))
            {
                return other.Name;
            }
        }

        return null;
    }

    private static bool Silent(ColumnData column, IReadOnlyList<ColumnData> columns, ColumnData groups) =>
        columns.Where(c => c != column && c != groups).All(c => Association.Predictability(c, column, classification: false) < MaxCounterSignal);

    private static bool Repeats(ColumnProfile profile, ColumnData column) =>
        profile.Cardinality >= 3 && column.PresentCount >= MinRowsPerCode * profile.Cardinality;

    /// <summary>True when each value occupies one contiguous run of rows (missing cells skipped).</summary>
    public static bool InBlocks(ColumnData column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < column.Count; i++)
        {
            if (column.Missing[i])
            {
                continue;
            }

            var value = column.Values[i];
            if (value != previous && !seen.Add(value))
            {
                return false;
            }

            previous = value;
        }

        return seen.Count >= 3;
    }

    /// <summary>A column with fewer values that this one fixes, other than by cutting its range into bands; null if none.</summary>
    private static string? AttributeOf(ColumnData code, ColumnProfile profile, IReadOnlyList<ColumnProfile> profiles, IReadOnlyList<ColumnData> columns)
    {
        for (var k = 0; k < profiles.Count; k++)
        {
            var other = profiles[k];
            if (other.Name == profile.Name || other.Cardinality < 2 || other.Cardinality >= profile.Cardinality
                || other.Kind is ColumnKind.Constant or ColumnKind.IdLike or ColumnKind.Text)
            {
                continue;
            }

            var mapping = Mapping(code, columns[k]);
            if (mapping is not null && !IsBanding(mapping))
            {
                return other.Name;
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="b"/> for each value of <paramref name="a"/> (sorted by a), when a fixes b on 99.9% of rows.</summary>
    private static IReadOnlyList<string>? Mapping(ColumnData a, ColumnData b)
    {
        var groups = new Dictionary<double, Dictionary<string, int>>();
        var n = 0;
        foreach (var i in Association.SampleRows(a.Count))
        {
            if (a.Missing[i] || b.Missing[i])
            {
                continue;
            }

            n++;
            var g = groups.TryGetValue(a.Numbers[i], out var found) ? found : groups[a.Numbers[i]] = new Dictionary<string, int>(StringComparer.Ordinal);
            var key = b.Key(i);
            g[key] = g.GetValueOrDefault(key) + 1;
        }

        if (n == 0 || groups.Count * MinRowsPerCode > n || groups.Values.Sum(g => g.Values.Max()) < 0.999 * n)
        {
            return null;
        }

        // Fixing a column that barely varies is no evidence: any column "fixes" one whose value is the same on 99% of rows.
        var totals = groups.Values.SelectMany(g => g).GroupBy(kv => kv.Key, StringComparer.Ordinal).Select(k => k.Sum(kv => kv.Value));
        if (totals.Max() >= 0.99 * n)
        {
            return null;
        }

        return groups.OrderBy(kv => kv.Key).Select(kv => kv.Value.MaxBy(v => v.Value).Key).ToArray();
    }

    /// <summary>True when the mapped values change only between neighbouring bands (age → age group), not back and forth.</summary>
    private static bool IsBanding(IReadOnlyList<string> mapped)
    {
        var changes = 0;
        for (var i = 1; i < mapped.Count; i++)
        {
            if (mapped[i] != mapped[i - 1])
            {
                changes++;
            }
        }

        return changes <= mapped.Distinct(StringComparer.Ordinal).Count() - 1;
    }
}
