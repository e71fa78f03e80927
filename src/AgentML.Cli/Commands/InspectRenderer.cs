using System.Globalization;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using Spectre.Console;

namespace AgentML.Cli.Commands;

/// <summary>Renders `agentml inspect` for a terminal: task summary, inferences with reasons, column profile, class counts.</summary>
internal static class InspectRenderer
{
    private const int MaxClassesShown = 12;

    public static void Render(IAnsiConsole console, TaskSpec task, DataProfile? profile)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(task.Name)}[/] [grey]({Markup.Escape(task.Id)})[/]").LeftJustified());
        console.Write(Summary(task));
        console.WriteLine();
        if (task.Inferences.Count > 0)
        {
            console.Write(Inferences(task));
            console.WriteLine();
        }
        else
        {
            console.MarkupLine("[grey]Everything was read from competition.yaml; nothing was inferred.[/]");
        }

        if (profile is not null)
        {
            console.Write(Profile(task, profile));
            if (profile.ClassCounts.Count > 0)
            {
                var counts = string.Join(", ", profile.ClassCounts.Take(MaxClassesShown).Select(kv => $"{kv.Key}: {kv.Value}"));
                console.MarkupLineInterpolated($"[bold]Class counts[/] of {string.Join(", ", task.TrainTargetColumns)}: {counts}{(profile.ClassCounts.Count > MaxClassesShown ? ", ..." : "")}");
            }
        }
    }

    private static Grid Summary(TaskSpec task)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string? value) => grid.AddRow(new Markup($"[bold]{key}[/]"), new Text(value ?? "-"));
        var metric = MetricRegistry.Get(task.Metric);
        Row("folder", task.RootDirectory);
        Row("train / test", task.TestFromSampleSubmission
            ? $"{task.TrainPath} / the files of {task.TestFolder}/ (no test table)"
            : $"{task.TrainPath} / {Path.GetFileName(task.TestPath)}");
        Row("sample submission", task.SampleSubmissionPath);
        Row("answers", task.AnswersPath ?? "none (cannot be graded)");
        Row("leaderboard", task.LeaderboardPath ?? "none");
        Row("metric", $"{metric.Name} ({(metric.HigherIsBetter ? "higher" : "lower")} is better)");
        Row("task type", $"{task.TaskType} / submission: {task.SubmissionFormat}");
        Row("id column", task.IdColumn);
        Row("target columns", string.Join(", ", task.TargetColumns));
        Row("train label columns", string.Join(", ", task.TrainTargetColumns));
        if (task.ClassLabels.Count > 0)
        {
            Row("classes", string.Join(", ", task.ClassLabels.Take(MaxClassesShown)) + (task.ClassLabels.Count > MaxClassesShown ? $", ... ({task.ClassLabels.Count})" : ""));
        }

        if (task.PositiveLabel is not null)
        {
            Row("positive label", task.PositiveLabel);
        }

        if (task.GroupColumn is not null)
        {
            Row("group column", $"{task.GroupColumn} (folds and the check set keep its groups whole)");
        }

        if (task.TimeColumn is not null)
        {
            Row("time column", $"{task.TimeColumn} (the check set is the latest rows, folds are blocks of time)");
        }

        if (task.TestFromSampleSubmission)
        {
            Row("test set", $"folder {task.TestFolder}/, ids from the sample submission's '{task.IdColumn}'");
        }

        foreach (var c in task.FileColumns)
        {
            Row("file inputs", c.Describe());
        }

        if (UnusableInputs(task) is { } unusable)
        {
            Row("note", unusable);
        }

        return grid;
    }

    /// <summary>The one-line warning for file inputs the builtin expert cannot read (audio, text files), else null.</summary>
    internal static string? UnusableInputs(TaskSpec task)
    {
        var other = task.FileColumns.Where(c => c.Kind != FileKind.Image).Select(c => $"{c.Kind.ToString().ToLowerInvariant()} files ('{c.Column}')").ToList();
        return other.Count == 0 ? null : $"the builtin expert cannot read {string.Join(", ", other)}: it models the table only (an LLM model can)";
    }

    private static Table Inferences(TaskSpec task)
    {
        var table = new Table().Title("[bold]Inferred[/]").AddColumn("field").AddColumn("value").AddColumn("why");
        foreach (var inference in task.Inferences)
        {
            table.AddRow(new Text(inference.Field), new Text(inference.Value), new Text(inference.Reason));
        }

        return table;
    }

    private static Table Profile(TaskSpec task, DataProfile profile)
    {
        var table = new Table()
            .Title($"[bold]train.csv[/]: {profile.TrainRows} rows, {profile.Columns.Count} columns; test.csv: {profile.TestRows} rows")
            .AddColumn("column").AddColumn("kind").AddColumn(new TableColumn("missing").RightAligned()).AddColumn(new TableColumn("distinct").RightAligned())
            .AddColumn("summary");
        foreach (var c in profile.Columns)
        {
            var name = task.TrainTargetColumns.Contains(c.Name) ? $"[bold yellow]{Markup.Escape(c.Name)}[/] (target)" : Markup.Escape(c.Name);
            table.AddRow(new Markup(name), new Text(Kind(c.Kind)), new Text(c.MissingShare.ToString("P1", CultureInfo.InvariantCulture)),
                new Text(c.Cardinality.ToString(CultureInfo.InvariantCulture)), new Text(Describe(c)));
        }

        return table;
    }

    private static string Kind(ColumnKind kind) => kind switch
    {
        ColumnKind.IdLike => "id-like",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Describe(ColumnProfile c)
    {
        if (c.Numeric is { } n && c.Kind == ColumnKind.Numeric)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{n.Min:G6}..{n.Max:G6}, mean {n.Mean:G6} ± {n.Std:G4}, median {n.Median:G6}, skew {n.Skewness:0.##}{(n.AllIntegers ? ", integers" : "")}");
        }

        if (c.Kind == ColumnKind.Text)
        {
            return string.Create(CultureInfo.InvariantCulture, $"mean length {c.MeanLength:0.#} characters");
        }

        return c.Kind is ColumnKind.IdLike or ColumnKind.Datetime or ColumnKind.Constant
            ? $"e.g. {string.Join(", ", c.TopValues.Take(3).Select(kv => Shorten(kv.Key)))}"
            : string.Join(", ", c.TopValues.Take(3).Select(kv => $"{Shorten(kv.Key)} ({kv.Value})"));
    }

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..24] + "...";
}
