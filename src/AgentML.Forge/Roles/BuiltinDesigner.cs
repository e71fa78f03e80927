using System.Globalization;
using System.Text;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>
/// The builtin designer: picks the split (by time when a time column orders the rows, by group when an entity
/// column repeats, else stratified or random), drops the columns a solver must not see (identifiers, constants,
/// columns derived from the target, post-outcome columns) and writes the task statement.
/// </summary>
public sealed class BuiltinDesigner : IDesigner
{
    /// <summary>Share of rows held out as the test set.</summary>
    public const double TestFraction = 0.25;

    /// <summary>A time column orders the rows within groups (a panel) when a typical group has this many distinct times.</summary>
    public const int MinTimesPerGroup = 3;

    private readonly ForgeKnowledge _knowledge;
    private readonly DescriptionWriter _writer;

    public BuiltinDesigner(ForgeKnowledge knowledge)
    {
        _knowledge = knowledge;
        _writer = new DescriptionWriter(knowledge);
    }

    public Task<TaskDesign> DesignAsync(RawDataset data, TaskCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidate);
        var dropped = new List<DroppedColumn>();
        var features = new List<string>();
        foreach (var column in data.Profile.Columns.Where(c => c.Name != candidate.Target))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (WhyDrop(data, column, candidate) is { } reason)
            {
                dropped.Add(new DroppedColumn(column.Name, reason));
            }
            else
            {
                features.Add(column.Name);
            }
        }

        var idColumn = features.Any(f => string.Equals(f, "id", StringComparison.OrdinalIgnoreCase)) ? "row_id" : "id";
        var split = ChooseSplit(data, candidate, features);
        var design = new TaskDesign
        {
            Candidate = candidate,
            TaskId = Slug.Of(data.Name) + "-" + Slug.Of(candidate.Target) + (candidate.Variant is null ? "" : "-" + Slug.Of(candidate.Variant)),
            Title = $"{Slug.Title(data.Name)}: predict {candidate.Target}",
            IdColumn = idColumn,
            Split = split,
            Features = features,
            TextFeatures = features.Where(f => data.ColumnProfile(f).Kind == ColumnKind.Text).ToArray(),
            CodeFeatures = features.Where(data.Codes.Contains).ToArray(),
            Dropped = dropped,
            RowFilters = RowFilters(data, candidate),
            Description = "",
        };
        return Task.FromResult(design with { Description = _writer.Write(data, design) });
    }

    private string? WhyDrop(RawDataset data, ColumnProfile column, TaskCandidate candidate)
    {
        if (candidate.Leaks.FirstOrDefault(l => l.Name == column.Name) is { } leak)
        {
            return leak.Reason;
        }

        switch (column.Kind)
        {
            case ColumnKind.IdLike:
                return $"identifier ({column.KindReason})";
            case ColumnKind.Constant:
                return $"no information ({column.KindReason})";
        }

        if (column.MissingShare >= 0.95)
        {
            return $"almost empty ({Percent.Of(column.MissingShare, 0)} missing)";
        }

        if (ForgeKnowledge.NameHas(column.Name, _knowledge.PostOutcomeHints))
        {
            return "recorded after the outcome (its name says so)";
        }

        var feature = data.Column(column.Name);
        var target = data.Column(candidate.Target);
        if (column.Kind == ColumnKind.Categorical || column.Cardinality <= TargetScreen.MaxClasses)
        {
            if (candidate.TaskType != TaskType.Regression && Association.Determines(feature, target) >= 0.999)
            {
                return $"derived from the target: each value of {column.Name} fixes {candidate.Target}";
            }

            if (Association.Determines(target, feature) >= 0.999)
            {
                return $"derived from the target: {candidate.Target} fixes {column.Name}";
            }
        }

        if (feature.IsNumeric && target.IsNumeric && Math.Abs(Stats.Pearson(feature.Numbers, target.Numbers)) >= 0.99999)
        {
            return "an exact copy of the target";
        }

        if (TargetScreen.AreCopies(feature, target, data.Columns.Count <= TargetScreen.MaxColumnsForFullCopyScreen))
        {
            return $"a leak of the target: {column.Name} and {candidate.Target} predict each other almost perfectly (a copy, relabelling or banding of it)";
        }

        return null;
    }

    private SplitPlan ChooseSplit(RawDataset data, TaskCandidate candidate, List<string> features)
    {
        var rowIndex = Enumerable.Range(0, data.Table.Rows.Count).Select(i => (double)i).ToArray();
        foreach (var name in features)
        {
            if (!IsTimeLike(data, name))
            {
                continue;
            }

            var column = data.ColumnProfile(name);
            var values = data.Column(name);

            var order = column.Kind == ColumnKind.Datetime ? DateOrdinals(values) : values.Numbers;
            var rho = Stats.Spearman(order, rowIndex);
            if (rho >= 0.8 && column.Cardinality >= 3)
            {
                return new SplitPlan(SplitKind.Time, name, TestFraction,
                    $"rows are ordered by {name} (Spearman {rho:F2} with the row order): the test set is the latest {Percent.Of(TestFraction, 0)}, as in a forecast");
            }
        }

        var entity = data.Profile.Columns.Where(c => c.Name != candidate.Target && IsEntity(data, c)).Select(c => c.Name).FirstOrDefault()
            ?? data.GroupColumns.FirstOrDefault(g => g != candidate.Target);
        if (entity is not null && candidate.Groups != GroupFormulation.UnseenGroups && features.Contains(entity))
        {
            return KnownGroupsSplit(data, candidate, features, entity);
        }

        if (entity is not null)
        {
            var groups = data.ColumnProfile(entity).Cardinality;
            var code = data.Codes.Contains(entity) ? $" and names groups ({data.ColumnProfile(entity).KindReason})" : data.GroupColumns.Contains(entity) ? " and names groups (its rows come in blocks)" : "";
            return new SplitPlan(SplitKind.Group, entity, TestFraction,
                $"{entity} repeats ({groups} values over {data.Table.Rows.Count} rows){code}: whole groups go to train or test so that no group leaks");
        }

        return RowSplit(candidate, "");
    }

    private static SplitPlan RowSplit(TaskCandidate candidate, string prefix) =>
        candidate.TaskType == TaskType.Regression
            ? new SplitPlan(SplitKind.Random, null, TestFraction, $"{prefix}random {Percent.Of(1 - TestFraction, 0)}/{Percent.Of(TestFraction, 0)} split")
            : new SplitPlan(SplitKind.Stratified, null, TestFraction, $"{prefix}random {Percent.Of(1 - TestFraction, 0)}/{Percent.Of(TestFraction, 0)} split stratified by {candidate.Target}");

    /// <summary>
    /// The known-groups formulations: <paramref name="group"/> stays a feature and the test rows are further rows of
    /// groups seen in train. For <see cref="GroupFormulation.LaterRowsOfKnownGroups"/>, when a time column varies within
    /// the groups (a panel: subjects measured over time), the test set is the latest rows by that time, as a host would
    /// pose "forecast the later measurements of known subjects" (one cut for all groups: no train row comes after a test
    /// row); otherwise, and for <see cref="GroupFormulation.OtherRowsOfKnownGroups"/>, it is a random share of the rows.
    /// </summary>
    private SplitPlan KnownGroupsSplit(RawDataset data, TaskCandidate candidate, List<string> features, string group)
    {
        var time = features.FirstOrDefault(f => f != group && IsTimeLike(data, f) && DistinctWithinGroups(data, f, group) >= MinTimesPerGroup);
        var known = $"posed for known {group} groups ({group} is a feature) because with whole {group} groups held out a baseline did not beat a constant prediction";
        if (time is not null && candidate.Groups == GroupFormulation.LaterRowsOfKnownGroups)
        {
            return new SplitPlan(SplitKind.Time, time, TestFraction,
                $"{known}; {time} varies within each {group} (median {DistinctWithinGroups(data, time, group):0.#} values per group), so the test set is the latest {Percent.Of(TestFraction, 0)} by {time}: later measurements of known groups")
            {
                KnownGroup = group,
            };
        }

        var also = time is null ? "" : $", nor with their latest rows by {time} held out";
        return RowSplit(candidate, $"{known}{also}; the test rows are other rows of groups seen in train: ") with { KnownGroup = group };
    }

    /// <summary>The median number of distinct <paramref name="column"/> values within a group of <paramref name="group"/>.</summary>
    private static double DistinctWithinGroups(RawDataset data, string column, string group)
    {
        var values = data.Column(column);
        var groups = data.Column(group);
        var counts = Enumerable.Range(0, values.Count).Where(i => !values.Missing[i] && !groups.Missing[i])
            .GroupBy(i => groups.Values[i], StringComparer.Ordinal)
            .Select(g => (double)g.Select(i => values.Values[i]).Distinct(StringComparer.Ordinal).Count()).ToArray();
        return counts.Length == 0 ? 0 : Stats.Median(counts);
    }

    /// <summary>A column that holds time: dates, or numbers whose name says time (year, month, ...).</summary>
    public bool IsTimeLike(RawDataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.ColumnProfile(name).Kind == ColumnKind.Datetime
            || (data.Column(name).IsNumeric && ForgeKnowledge.NameHas(name, _knowledge.TimeNameHints));
    }

    /// <summary>True when the column's values repeat: at least <paramref name="minGroups"/> values, on average more than 1.25 rows each.</summary>
    public static bool Repeats(RawDataset data, ColumnProfile column, int minGroups)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        var present = (int)Math.Round(data.Table.Rows.Count * (1 - column.MissingShare));
        return column.Cardinality >= minGroups && column.Cardinality <= 0.8 * present;
    }

    private bool IsEntity(RawDataset data, ColumnProfile column)
    {
        var present = (int)Math.Round(data.Table.Rows.Count * (1 - column.MissingShare));
        if (present < 50 || !Repeats(data, column, 20))
        {
            return false;
        }

        // A numeric column holding fractions ("store_sales": 104.3) is a quantity, never an entity's code, whatever its name says.
        var measurement = column.Kind == ColumnKind.Numeric && column.Numeric is { AllIntegers: false };
        return ForgeKnowledge.NameHas(column.Name, _knowledge.EntityNameHints) && !measurement && !IsCounterWithinGroups(data, column.Name);
    }

    /// <summary>True when the column only numbers rows within the groups of another small categorical column (the pair is unique).</summary>
    private static bool IsCounterWithinGroups(RawDataset data, string name)
    {
        var column = data.Column(name);
        foreach (var other in data.Profile.Columns.Where(c => c.Name != name && c.Kind == ColumnKind.Categorical && c.Cardinality <= 50))
        {
            var values = data.Column(other.Name);
            var pairs = Enumerable.Range(0, column.Count).Where(i => !column.Missing[i]).Select(i => column.Values[i] + "\u0001" + values.Values[i]).ToArray();
            if (pairs.Distinct(StringComparer.Ordinal).Count() >= 0.99 * pairs.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static double[] DateOrdinals(ColumnData values) =>
        values.Values.Select((v, i) => !values.Missing[i] && DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d)
            ? d.Ticks / (double)TimeSpan.TicksPerDay
            : double.NaN).ToArray();

    private static IReadOnlyList<string> RowFilters(RawDataset data, TaskCandidate candidate)
    {
        var target = data.Column(candidate.Target);
        var filters = new List<string>();
        var missing = target.Count - target.PresentCount;
        if (missing > 0)
        {
            filters.Add($"{missing} rows without {candidate.Target}");
        }

        if (candidate.Classes.Count > 0)
        {
            var rare = target.Counts().Where(kv => !candidate.Classes.Contains(kv.Key)).ToArray();
            if (rare.Length > 0)
            {
                var text = new StringBuilder();
                text.Append(CultureInfo.InvariantCulture, $"{rare.Sum(kv => kv.Value)} rows of rare classes (fewer than {TargetScreen.MinClassRows} rows or {Percent.Of(TargetScreen.MinClassShare)} of the rows): ");
                text.AppendJoin(", ", rare.Take(8).Select(kv => $"{kv.Key} ({kv.Value})"));
                filters.Add(text.ToString());
            }
        }

        return filters;
    }
}
