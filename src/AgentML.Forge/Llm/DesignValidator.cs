using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Llm;

/// <summary>
/// Checks the model's split and drop list against the data. A valid split is one of the options the builtin
/// splitter can make (random; stratified for classes; by a datetime-like column; by a column whose values repeat in
/// groups smaller than the test share);
/// drops may only add to the builtin ones (identifiers, constants, columns derived from the target stay dropped),
/// never name the target and never leave the task without features. Anything invalid keeps the builtin piece and
/// says why in <c>notes</c>.
/// </summary>
public sealed class DesignValidator(BuiltinDesigner builtin)
{
    /// <summary>A group split needs at least this many groups, so that whole groups can make up the test share.</summary>
    public const int MinGroups = 10;

    /// <summary>Distinct times a time split needs.</summary>
    public const int MinTimes = 3;

    public SplitPlan Split(RawDataset data, TaskDesign design, SplitIdea? idea, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(notes);
        var fallback = design.Split;
        if (fallback.KnownGroup is not null)
        {
            // The runner poses known groups only after the unseen-groups split failed; the model may not undo that.
            notes.Add($"the split is fixed by the known-groups formulation ({Name(fallback.Kind)} split, {fallback.KnownGroup} kept as a feature); the model's split was not used");
            return fallback;
        }

        var kindText = idea?.Kind.Trim() ?? "";
        if (kindText.Length == 0)
        {
            notes.Add($"no split proposed; kept the builtin {Name(fallback.Kind)} split");
            return fallback;
        }

        if (!Enum.TryParse<SplitKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            notes.Add($"unknown split kind '{kindText}'; kept the builtin {Name(fallback.Kind)} split");
            return fallback;
        }

        var column = kind is SplitKind.Time or SplitKind.Group ? idea!.Column.Trim() : null;
        if (WhyNot(data, design.Candidate, kind, column, fallback.TestFraction) is { } why)
        {
            notes.Add($"{Name(kind)} split{(string.IsNullOrEmpty(column) ? "" : $" by '{column}'")} rejected ({why}); kept the builtin {Name(fallback.Kind)} split");
            return fallback;
        }

        var reason = string.IsNullOrWhiteSpace(idea!.Reason) ? "chosen by the model" : $"{idea.Reason.Trim().TrimEnd('.')} (chosen by the model)";
        return new SplitPlan(kind, column, fallback.TestFraction, reason);
    }

    /// <summary>The model's extra drops that hold (the builtin drops are kept by the caller).</summary>
    public IReadOnlyList<DroppedColumn> Drops(RawDataset data, TaskDesign design, IReadOnlyList<DropIdea>? ideas, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(notes);
        var drops = new List<DroppedColumn>();
        foreach (var idea in ideas ?? [])
        {
            var name = idea.Column.Trim();
            var why = name switch
            {
                "" => null,
                _ when name == design.Candidate.Target => "it is the target",
                _ when data.Profile.Column(name) is null => "no such column",
                _ when string.IsNullOrWhiteSpace(idea.Reason) => "no reason given",
                _ => null,
            };
            if (why is not null)
            {
                notes.Add($"drop of '{name}' rejected ({why})");
            }
            else if (design.Features.Contains(name) && !drops.Any(d => d.Name == name))
            {
                drops.Add(new DroppedColumn(name, $"{idea.Reason.Trim().TrimEnd('.')} (the model)"));
            }
        }

        if (drops.Count > 0 && drops.Count >= design.Features.Count)
        {
            notes.Add($"drop list rejected (it would remove every feature: {string.Join(", ", drops.Select(d => d.Name))})");
            return [];
        }

        return drops;
    }

    private string? WhyNot(RawDataset data, TaskCandidate candidate, SplitKind kind, string? column, double testFraction)
    {
        switch (kind)
        {
            case SplitKind.Random:
                return null;
            case SplitKind.Stratified:
                return candidate.TaskType == TaskType.Regression ? "a regression target has no classes to stratify by" : null;
        }

        if (string.IsNullOrEmpty(column))
        {
            return "no column named";
        }

        if (column == candidate.Target)
        {
            return "that is the target";
        }

        if (data.Profile.Column(column) is not { } profile)
        {
            return "no such column";
        }

        return kind == SplitKind.Time ? WhyNotTime(data, profile) : WhyNotGroup(data, profile, testFraction);
    }

    private string? WhyNotTime(RawDataset data, ColumnProfile column)
    {
        if (!builtin.IsTimeLike(data, column.Name))
        {
            return $"not a datetime column: its values are {column.Kind.ToString().ToLowerInvariant()}";
        }

        return column.Cardinality < MinTimes ? $"only {column.Cardinality} distinct times" : null;
    }

    private static string? WhyNotGroup(RawDataset data, ColumnProfile column, double testFraction)
    {
        if (column.Kind is ColumnKind.IdLike or ColumnKind.Constant || !BuiltinDesigner.Repeats(data, column, MinGroups))
        {
            return $"its values do not repeat as groups: {column.Cardinality} distinct values over {data.Table.Rows.Count} rows (need {MinGroups} or more groups of more than one row on average)";
        }

        // Whole groups go to test until its share is reached: a group larger than that share would overshoot it.
        var largest = column.TopValues.Count == 0 ? 0 : column.TopValues.Max(v => v.Value);
        return largest > testFraction * data.Table.Rows.Count
            ? $"its largest group '{column.TopValues.MaxBy(v => v.Value).Key}' holds {largest} of {data.Table.Rows.Count} rows, more than the test share"
            : null;
    }

    private static string Name(SplitKind kind) => kind.ToString().ToLowerInvariant();
}
