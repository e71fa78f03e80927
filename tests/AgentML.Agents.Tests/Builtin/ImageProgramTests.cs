using AgentML.Core.Runs;
using System.Text.RegularExpressions;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// The builtin image expert on small synthetic image tasks (16x16 stripes), run with real Python: plans, the
/// image-feature route with and without the orchestrator's folds, the network route, and the debug/improve hooks.
/// </summary>
public sealed partial class ImageProgramTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-image-program");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Planner_proposes_image_drafts_fastest_first_and_the_coder_renders_the_image_program()
    {
        var context = Context(ImageLayout.TestFolder, 60);

        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 3, CancellationToken.None);
        var output = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[0], TreeSummary.Empty, CancellationToken.None);

        Assert.Equal(3, plans.Count);
        Assert.Contains("\"route\": \"classical\"", plans[0].Recipe, StringComparison.Ordinal);
        Assert.Contains("\"route\": \"cnn\"", plans[1].Recipe, StringComparison.Ordinal);
        Assert.Contains("The inputs are image files named by 'id' + '.png': 120 .png files; train in train/, test in test/; 16x16 grey.", plans[0].Text, StringComparison.Ordinal);
        Assert.Contains("IMAGES = json.loads", output.Code, StringComparison.Ordinal);
        Assert.Contains("\"suffix\": \".png\"", output.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", output.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_feature_route_without_folds_makes_its_own_and_writes_submission_and_oof()
    {
        var context = Context(ImageLayout.TestFolder, 90);
        var work = Stage(context, "own-folds");

        var (exit, output) = await RunAsync(context, work, route: 0);

        Assert.True(exit == 0, output);
        Assert.Contains("no input/folds.csv: 5 folds of our own", output, StringComparison.Ordinal);
        Assert.Equal(5, MetricLines().Matches(output).Count);
        var oof = CsvTable.Read(Path.Combine(work, "submission", "oof.csv"));
        Assert.Equal(CsvTable.Read(context.Task.TrainPath).Column("id"), oof.Column("id"));
        Assert.True(Grade(context, work) > 0.9, output);
    }

    [Fact]
    public async Task Image_feature_route_uses_the_orchestrators_folds_on_images_named_by_a_path_column()
    {
        var context = Context(ImageLayout.PathColumn, 90);
        var work = Stage(context, "given-folds");
        var ids = CsvTable.Read(context.Task.TrainPath).Column("id");
        File.WriteAllText(Path.Combine(work, "input", "folds.csv"), "id,fold\n" + string.Concat(ids.Select((id, i) => $"{id},{i % 3}\n")));

        var (exit, output) = await RunAsync(context, work, route: 0);

        Assert.True(exit == 0, output);
        Assert.Contains("folds from input/folds.csv: 3", output, StringComparison.Ordinal);
        Assert.Equal(["0", "1", "2"], MetricLines().Matches(output).Select(m => m.Groups[1].Value).ToArray());
        Assert.Equal(ids.Length, CsvTable.Read(Path.Combine(work, "submission", "oof.csv")).RowCount);
        Assert.True(Grade(context, work) > 0.9, output);
    }

    [Fact]
    public async Task Network_route_trains_within_its_time_slices_and_submits_probabilities()
    {
        var context = Context(ImageLayout.FileNameIds, 60);
        var work = Stage(context, "network");

        var (exit, output) = await RunAsync(context, work, route: 1);

        Assert.True(exit == 0, output);
        Assert.Contains("CNN width", output, StringComparison.Ordinal);
        var submission = CsvTable.Read(Path.Combine(work, "submission", "submission.csv"));
        Assert.All(submission.Column("has_stripes"), v => Assert.InRange(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        Assert.True(Grade(context, work) > 0.8, output);
    }

    [Fact]
    public async Task Debugger_and_improver_keep_image_nodes_image_programs()
    {
        var context = Context(ImageLayout.TestFolder, 60);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 2, CancellationToken.None);
        var network = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[1], TreeSummary.Empty, CancellationToken.None);
        var node = BuiltinFixture.Node("n1", network, status: NodeStatus.Buggy, outputText: "the run exceeded its time limit", error: "timeout");

        var debugged = await BuiltinFixture.Team.Debugger.DebugAsync(context, node, TreeSummary.Empty, CancellationToken.None);
        var improved = await BuiltinFixture.Team.Improver.ImproveAsync(context, BuiltinFixture.Node("n1", network, score: 0.9), TreeSummary.Empty, CancellationToken.None);
        var merged = await BuiltinFixture.Team.Merger.MergeAsync(context, BuiltinFixture.Node("n1", network, 0.9), BuiltinFixture.Node("n2", network, 0.8), TreeSummary.Empty, CancellationToken.None);

        Assert.All(new[] { debugged, improved, merged }, o => Assert.Contains("IMAGES = json.loads", o.Code, StringComparison.Ordinal));
        Assert.Contains("\"width\": 16", debugged.Recipe, StringComparison.Ordinal);
        Assert.Contains("\"blend_classical\": true", merged.Recipe, StringComparison.Ordinal);
        Assert.True(ImageExpert.IsImageRecipe(System.Text.Json.Nodes.JsonNode.Parse(improved.Recipe!) as System.Text.Json.Nodes.JsonObject));
    }

    private TaskContext Context(ImageLayout layout, int timeLimitSeconds, PretrainedWeights? weights = null)
    {
        var task = new TaskLoader().Load(ImageTasks.Write(_temp.Combine(layout.ToString()), layout));
        return new TaskContext
        {
            Task = task,
            Profile = new DataProfiler().Profile(task),
            ProgramTimeLimit = TimeSpan.FromSeconds(timeLimitSeconds),
            HigherIsBetter = MetricRegistry.Get(task.Metric).HigherIsBetter,
            Weights = weights ?? PretrainedWeights.None,
        };
    }

    /// <summary>A run folder whose input/ is the task staged as a sandbox sees it (images beside train.csv).</summary>
    private string Stage(TaskContext context, string name)
    {
        var work = _temp.Combine(name);
        var staged = TaskInput.Prepare(context.Task, _temp.Combine(name + "-staged"));
        foreach (var file in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".staged", StringComparison.Ordinal)))
        {
            var target = Path.Combine(work, "input", Path.GetRelativePath(staged, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(work, "working"));
        return work;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TaskContext context, string work, int route)
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, route + 1, CancellationToken.None);
        var program = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[route], TreeSummary.Empty, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(work, "solution.py"), program.Code);
        return await PythonRunner.ExecAsync(work, ["solution.py"], (int)context.ProgramTimeLimit.TotalSeconds);
    }

    private static double Grade(TaskContext context, string work)
    {
        var grade = new SubmissionGrader().Grade(context.Task, Path.Combine(work, "submission", "submission.csv"), context.Task.AnswersPath!);
        Assert.True(grade.IsValid, grade.InvalidReason);
        return grade.Score!.Value;
    }

    [GeneratedRegex(@"AGENTML_METRIC \{""name"": ""[a-z_]+"", ""step"": (\d+)")]
    private static partial Regex MetricLines();
}
