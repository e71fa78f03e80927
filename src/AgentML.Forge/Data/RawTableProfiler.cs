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

    public DataProfile Profile(CsvTable table, IReadOnlyList<ColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var core = new DataProfiler().Profile(table);
        return core with { Columns = core.Columns.Select((c, i) => Stricter(c, columns[i])).ToArray() };
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
