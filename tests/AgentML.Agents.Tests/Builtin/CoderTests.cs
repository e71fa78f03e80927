using System.Globalization;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Sandbox.Output;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

public sealed class CoderTests
{
    public static TheoryData<string> Tasks() => new(TestPaths.TaskNames());

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task Every_draft_renders_a_complete_program_that_python_compiles(string task)
    {
        var context = BuiltinFixture.Context(task);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 5, CancellationToken.None);
        using var temp = new TempDirectory();
        for (var i = 0; i < plans.Count; i++)
        {
            var output = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[i], TreeSummary.Empty, CancellationToken.None);

            Assert.DoesNotContain("{{", output.Code, StringComparison.Ordinal);
            Assert.Contains("AGENTML_METRIC", output.Code, StringComparison.Ordinal);
            Assert.Contains("submission/submission.csv", output.Code, StringComparison.Ordinal);
            Assert.Equal("builtin", output.Agent);
            var path = temp.Combine($"draft{i}.py");
            await File.WriteAllTextAsync(path, output.Code);
            var (exit, text) = await PythonRunner.ExecAsync(temp.Path, ["-m", "py_compile", path]);
            Assert.True(exit == 0, text);
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public async Task The_program_header_works_for_the_seconds_the_cost_model_assumes(int limitSeconds)
    {
        var context = BuiltinFixture.Context("penguin-species", timeLimitSeconds: limitSeconds);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 1, CancellationToken.None);
        var output = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[0], TreeSummary.Empty, CancellationToken.None);
        var header = output.Code.Split('\n').Where(l => l.StartsWith("WORKING_SHARE", StringComparison.Ordinal) || l.StartsWith("BUDGET_S", StringComparison.Ordinal));
        using var temp = new TempDirectory();
        var script = temp.Combine("budget.py");
        await File.WriteAllTextAsync(script, $"TIME_LIMIT_S = {limitSeconds}\n{string.Join('\n', header)}\nprint(repr(float(BUDGET_S)))\n");

        var (exit, text) = await PythonRunner.ExecAsync(temp.Path, [script]);

        Assert.True(exit == 0, text);
        Assert.Equal(RecipeCost.WorkingSeconds(TimeSpan.FromSeconds(limitSeconds)), double.Parse(text.Trim(), CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public async Task Penguin_draft_runs_and_writes_per_class_probabilities_in_the_sample_order()
    {
        var context = BuiltinFixture.Context("penguin-species", timeLimitSeconds: 60);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 2, CancellationToken.None);
        var output = await BuiltinFixture.Team.Coder.WriteAsync(context, plans[1], TreeSummary.Empty, CancellationToken.None);
        using var temp = new TempDirectory();

        var (exit, text) = await PythonRunner.RunAsync(output.Code, "penguin-species", temp.Path, 60);

        Assert.True(exit == 0, text);
        var folds = text.Split('\n').Select(l => MetricParser.TryParse(l, TimeSpan.Zero, out var m) ? m.Value : (double?)null).OfType<double>().ToList();
        Assert.NotEmpty(folds);
        Assert.All(folds, v => Assert.InRange(v, 0, 1));
        var sample = CsvTable.Read(Path.Combine(TestPaths.Task("penguin-species"), "public", "sample_submission.csv"));
        var submission = CsvTable.Read(temp.Combine("submission", "submission.csv"));
        Assert.Equal(sample.Columns, submission.Columns);
        Assert.Equal(sample.Column(0), submission.Column(0));
        for (var row = 0; row < submission.RowCount; row++)
        {
            var sum = Enumerable.Range(1, 3).Sum(c => double.Parse(submission.Column(c)[row], CultureInfo.InvariantCulture));
            Assert.InRange(sum, 0.999, 1.001);
        }
    }

    [Fact]
    public async Task Titanic_merge_runs_and_writes_labels()
    {
        var context = BuiltinFixture.Context("titanic-full", timeLimitSeconds: 60);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 4, CancellationToken.None);
        var linear = await BuiltinFixture.Team.Coder.WriteAsync(context, plans.First(p => p.Recipe!.Contains("\"linear\"", StringComparison.Ordinal)), TreeSummary.Empty, CancellationToken.None);
        var hgb = await BuiltinFixture.Team.Coder.WriteAsync(context, plans.First(p => RecipeFactory.Families(RecipeFactory.Parse(p.Recipe)) == "hgb/tree"), TreeSummary.Empty, CancellationToken.None);
        var merged = await BuiltinFixture.Team.Merger.MergeAsync(context, BuiltinFixture.Node("a", hgb, 0.8), BuiltinFixture.Node("b", linear, 0.79), TreeSummary.Empty, CancellationToken.None);
        using var temp = new TempDirectory();

        var (exit, text) = await PythonRunner.RunAsync(merged.Code, "titanic-full", temp.Path, 60);

        Assert.True(exit == 0, text);
        Assert.Contains("blend weights", text, StringComparison.Ordinal);
        var submission = CsvTable.Read(temp.Combine("submission", "submission.csv"));
        Assert.All(submission.Column(1), v => Assert.Contains(v, new[] { "yes", "no" }));
    }
}
