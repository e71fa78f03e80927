using AgentML.Core.Data;
using AgentML.Core.Profiling;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>
/// Profiles a raw table that has no task yet: Core's column profile (kind, missing share, cardinality, numeric
/// summary), made stricter about identifiers, which forge must never use as targets or features: columns whose
/// name marks an id, integer codes that are almost all distinct, and short codes that are almost all distinct.
/// </summary>
public sealed class RawTableProfiler
{
    /// <summary>Integer columns at least this distinct are identifiers.</summary>
    public const double IdDistinctShare = 0.95;

    /// <summary>Short string columns (not free text) at least this distinct are codes.</summary>
    public const double CodeDistinctShare = 0.9;

    private readonly ForgeKnowledge _knowledge;

    public RawTableProfiler(ForgeKnowledge knowledge) => _knowledge = knowledge;

    public DataProfile Profile(CsvTable table, IReadOnlyList<ColumnData> columns) => Analyse(table, columns).Profile;

    /// <summary>
    /// The profile, with integer codes made categorical and row counters within groups made identifiers, and the
    /// columns that name groups a split can keep whole (<see cref="CodeDetector"/>).
    /// </summary>
    public RawProfile Analyse(CsvTable table, IReadOnlyList<ColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var core = new DataProfiler().Profile(table);
        var profiles = core.Columns.Select((c, i) => Stricter(c, columns[i])).ToArray();
        var codes = new CodeDetector(_knowledge).IntegerCodes(profiles, columns);
        profiles = profiles.Select(p => codes.TryGetValue(p.Name, out var why) ? p with { Kind = ColumnKind.Categorical, KindReason = why } : p).ToArray();
        profiles = profiles.Select((p, i) => p.Kind == ColumnKind.Numeric && !_knowledge.ReadsLikeTarget(p.Name) && CodeDetector.CounterWithin(columns[i], p, profiles, columns) is { } groups
            ? p with { Kind = ColumnKind.IdLike, KindReason = $"integers that number the rows within each {groups}" }
            : p).ToArray();
        return new RawProfile(core with { Columns = profiles }, codes.Keys.ToArray(), CodeDetector.GroupColumns(profiles, columns, codes.Keys.ToArray()));
    }

    private ColumnProfile Stricter(ColumnProfile column, ColumnData values)
    {
        if (column.Kind is ColumnKind.Constant or ColumnKind.IdLike or ColumnKind.Text)
        {
            return column;
        }

        var present = values.PresentCount;
        var distinctShare = present == 0 ? 0 : (double)column.Cardinality / present;
        if (_knowledge.IsIdName(column.Name) && column.Cardinality > 2)
        {
            return column with { Kind = ColumnKind.IdLike, KindReason = "the name marks an identifier" };
        }

        if (present < 20)
        {
            return column;
        }

        if (column.Numeric is { AllIntegers: true } && distinctShare >= IdDistinctShare)
        {
            return column with { Kind = ColumnKind.IdLike, KindReason = $"{Percent.Of(distinctShare)} of the integer values are distinct" };
        }

        return column.Kind == ColumnKind.Categorical && distinctShare >= CodeDistinctShare
            ? column with { Kind = ColumnKind.IdLike, KindReason = $"{Percent.Of(distinctShare)} of the values are distinct codes" }
            : column;
    }
}

/// <summary>A raw table's profile with the integer codes found in it and the columns that name groups (finest first).</summary>
public sealed record RawProfile(DataProfile Profile, IReadOnlyList<string> Codes, IReadOnlyList<string> GroupColumns);
