using System.Globalization;
using System.Text;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// Small synthetic task folders of shapes the shared tasks do not cover (ordinal kappa, multi-label, map@k, labels
/// with spaces): rows with a few numeric features and labels derived from them, written in the task-folder format.
/// </summary>
internal static class ShapeTasks
{
    /// <summary>One row of features and its label columns (already formatted as the CSV shows them).</summary>
    public sealed record Row(double[] Features, string[] Labels);

    /// <summary>Writes competition.yaml, public/{train,test,sample_submission}.csv and private/answers.csv.</summary>
    /// <remarks>With <paramref name="sampleColumns"/> the submission and the answers have those columns (e.g. one per
    /// class, answers from <paramref name="answer"/>) and <paramref name="targets"/> are the train label columns.</remarks>
    public static string Write(string folder, string metric, string[] targets, IReadOnlyList<Row> rows, Func<int, string[]> sample,
                               string? taskType = null, Func<int, string>? id = null, int testRows = 100, string[]? sampleColumns = null,
                               Func<Row, string[]>? answer = null)
    {
        id ??= i => (i + 1).ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        Directory.CreateDirectory(Path.Combine(folder, "private"));
        var features = Enumerable.Range(0, rows[0].Features.Length).Select(j => $"x{j}").ToArray();
        var train = new StringBuilder(Line(["id", .. features, .. targets]));
        var test = new StringBuilder(Line(["id", .. features]));
        var answers = new StringBuilder(Line(["id", .. sampleColumns ?? targets]));
        var submission = new StringBuilder(Line(["id", .. sampleColumns ?? targets]));
        for (var i = 0; i < rows.Count; i++)
        {
            var values = rows[i].Features.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
            if (i < rows.Count - testRows)
            {
                train.Append(Line([id(i), .. values, .. rows[i].Labels]));
                continue;
            }

            test.Append(Line([id(i), .. values]));
            answers.Append(Line([id(i), .. answer?.Invoke(rows[i]) ?? rows[i].Labels]));
            submission.Append(Line([id(i), .. sample(i)]));
        }

        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), submission.ToString());
        File.WriteAllText(Path.Combine(folder, "private", "answers.csv"), answers.ToString());
        var yaml = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"id: {Path.GetFileName(folder)}")
            .AppendLine(CultureInfo.InvariantCulture, $"metric: {metric}")
            .AppendLine("id_column: id")
            .AppendLine(CultureInfo.InvariantCulture, $"target_columns: [{string.Join(", ", sampleColumns ?? targets)}]")
            .AppendLine("answers: private/answers.csv")
            .AppendLine("sample_submission: public/sample_submission.csv");
        if (sampleColumns is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"train_target_columns: [{string.Join(", ", targets)}]");
        }

        if (taskType is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"task_type: {taskType}");
        }

        File.WriteAllText(Path.Combine(folder, "competition.yaml"), yaml.ToString());
        return folder;
    }

    /// <summary>Rewrites feature x<paramref name="column"/> of train.csv and test.csv as text levels ("L7" for 7), so that
    /// whole-number features can stand for a categorical column.</summary>
    public static void AsLevels(string folder, int column)
    {
        foreach (var file in new[] { "train.csv", "test.csv" })
        {
            var path = Path.Combine(folder, "public", file);
            var lines = File.ReadAllLines(path);
            for (var i = 1; i < lines.Length; i++)
            {
                var cells = lines[i].Split(',');
                cells[column + 1] = "L" + cells[column + 1];
                lines[i] = string.Join(",", cells);
            }

            File.WriteAllLines(path, lines);
        }
    }

    /// <summary>Rows of <paramref name="features"/> standard normal features with labels made from them.</summary>
    public static IReadOnlyList<Row> Rows(int count, int features, int seed, Func<double[], Random, string[]> labels)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, features).Select(_ => Normal(random)).ToArray();
            return new Row(x, labels(x, random));
        }).ToArray();
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static TaskContext Context(string folder, int timeLimitSeconds)
    {
        var spec = new TaskLoader().Load(folder);
        return new TaskContext
        {
            Task = spec,
            Profile = new DataProfiler().Profile(spec),
            ProgramTimeLimit = TimeSpan.FromSeconds(timeLimitSeconds),
            HigherIsBetter = MetricRegistry.Get(spec.Metric).HigherIsBetter,
        };
    }

    /// <summary>A finished run of the first draft: its output, recipe, submission and grade on the private answers.</summary>
    public sealed record Solved(string Output, string Recipe, CsvTable Submission, double Score);

    /// <summary>Runs the first draft on the task in <paramref name="folder"/>; asserts that it exits 0 and writes a valid submission.</summary>
    public static Task<Solved> SolveFirstDraftAsync(string folder, string workFolder, int timeLimitSeconds) =>
        SolveAsync(folder, workFolder, timeLimitSeconds, FirstDraftAsync);

    /// <summary>Runs the plan <paramref name="choose"/> picks for the task in <paramref name="folder"/>; asserts that it
    /// exits 0 and writes a valid submission.</summary>
    public static async Task<Solved> SolveAsync(string folder, string workFolder, int timeLimitSeconds, Func<TaskContext, Task<Plan>> choose)
    {
        ArgumentNullException.ThrowIfNull(choose);
        var context = Context(folder, timeLimitSeconds);
        var plan = await choose(context);
        var (exit, output) = await RunAsync(context, plan, workFolder, timeLimitSeconds);
        Assert.True(exit == 0, output);
        var submission = Path.Combine(workFolder, "submission", "submission.csv");
        var grade = new SubmissionGrader().Grade(context.Task, submission, context.Task.AnswersPath!);
        Assert.True(grade.IsValid, $"{grade.InvalidReason}\n{output}");
        return new Solved(output, plan.Recipe ?? "", CsvTable.Read(submission), grade.Score!.Value);
    }

    /// <summary>Renders the builtin planner's first draft for the task, runs it on the public data and returns its output.</summary>
    public static async Task<(int ExitCode, string Output, Plan Plan)> RunFirstDraftAsync(TaskContext context, string workFolder, int timeLimitSeconds)
    {
        var plan = await FirstDraftAsync(context);
        var (exit, output) = await RunAsync(context, plan, workFolder, timeLimitSeconds);
        return (exit, output, plan);
    }

    private static async Task<Plan> FirstDraftAsync(TaskContext context) =>
        (await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 1, CancellationToken.None))[0];

    private static async Task<(int ExitCode, string Output)> RunAsync(TaskContext context, Plan plan, string workFolder, int timeLimitSeconds)
    {
        var output = await BuiltinFixture.Team.Coder.WriteAsync(context, plan, TreeSummary.Empty, CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(workFolder, "input"));
        Directory.CreateDirectory(Path.Combine(workFolder, "working"));
        foreach (var file in new[] { "train.csv", "test.csv", "sample_submission.csv" })
        {
            File.Copy(Path.Combine(context.Task.PublicDirectory, file), Path.Combine(workFolder, "input", file), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(workFolder, "solution.py"), output.Code);
        return await PythonRunner.ExecAsync(workFolder, ["solution.py"], timeLimitSeconds);
    }

    private static string Line(IEnumerable<string> cells) =>
        string.Join(",", cells.Select(c => c.Contains(',', StringComparison.Ordinal) || c.Contains('"', StringComparison.Ordinal)
            ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : c)) + "\n";
}
