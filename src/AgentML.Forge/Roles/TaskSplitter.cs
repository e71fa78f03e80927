using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>Splits row indices into train and test following a <see cref="SplitPlan"/>; deterministic for a seed.</summary>
public static class TaskSplitter
{
    /// <summary>
    /// Returns the test rows among <paramref name="rows"/> (already shuffled with the seed). <paramref name="labelOf"/>
    /// gives a row's class for stratification; <paramref name="column"/> gives the time or group column.
    /// </summary>
    public static HashSet<int> TestRows(SplitPlan plan, IReadOnlyList<int> rows, Func<int, string> labelOf, ColumnData? column, SplitMix random)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labelOf);
        ArgumentNullException.ThrowIfNull(random);
        var target = (int)Math.Round(rows.Count * plan.TestFraction);
        return plan.Kind switch
        {
            SplitKind.Stratified => Stratified(rows, labelOf, plan.TestFraction),
            SplitKind.Time when column is not null => ByTime(rows, column, target),
            SplitKind.Group when column is not null => ByGroup(rows, column, target, random),
            _ => rows.Take(target).ToHashSet(),
        };
    }

    private static HashSet<int> Stratified(IReadOnlyList<int> rows, Func<int, string> labelOf, double fraction)
    {
        var test = new HashSet<int>();
        foreach (var group in rows.GroupBy(labelOf).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            test.UnionWith(members.Take((int)Math.Round(members.Length * fraction)));
        }

        return test;
    }

    /// <summary>The latest rows; rows tied with the boundary time go to test when that keeps the share between 10% and 50%.</summary>
    private static HashSet<int> ByTime(IReadOnlyList<int> rows, ColumnData column, int target)
    {
        double TimeOf(int row) => column.IsNumeric ? column.Numbers[row] : Ordinal(column, row);
        var ordered = rows.OrderBy(r => double.IsNaN(TimeOf(r)) ? double.NegativeInfinity : TimeOf(r)).ToArray();
        var boundary = TimeOf(ordered[^target]);
        var tied = ordered.Where(r => TimeOf(r) >= boundary).ToHashSet();
        return tied.Count >= 0.1 * rows.Count && tied.Count <= 0.5 * rows.Count ? tied : ordered[^target..].ToHashSet();
    }

    private static double Ordinal(ColumnData column, int row) =>
        !column.Missing[row] && DateTime.TryParse(column.Values[row], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AllowWhiteSpaces, out var d) ? d.Ticks : double.NaN;

    /// <summary>Whole groups (in a seeded order) until the test share is reached; rows without a group are their own group.</summary>
    private static HashSet<int> ByGroup(IReadOnlyList<int> rows, ColumnData column, int target, SplitMix random)
    {
        var groups = rows.GroupBy(r => column.Missing[r] ? "\u2205row" + r : column.Values[r]).Select(g => g.ToArray()).ToList();
        groups.Sort((a, b) => a[0].CompareTo(b[0]));
        random.Shuffle(groups);
        var test = new HashSet<int>();
        foreach (var group in groups)
        {
            if (test.Count >= target)
            {
                break;
            }

            test.UnionWith(group);
        }

        return test;
    }
}
