using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>
/// Forge's judgement on a table shaped like a multilevel survey it was not written for: students within schools
/// within regions, integer codes for both, a row counter within schools, and leaks of the natural target.
/// </summary>
public sealed class JudgementTests
{
    private const int Schools = 60;
    private const int StudentsPerSchool = 12;

    /// <summary>
    /// region (integer code named so), sch (a school's integer code, rows in blocks), student (numbers the rows within
    /// a school), hours, prior, score (the outcome); optional extra columns computed from a row's score and index.
    /// </summary>
    private static string WriteSurvey(TempDirectory temp, params (string Name, Func<double, int, string> Value)[] extra)
    {
        var random = new Random(19);
        var rows = new List<string[]>();
        for (var s = 0; s < Schools; s++)
        {
            var effect = random.NextDouble() * 10;
            var students = Enumerable.Range(1, 40).OrderBy(_ => random.Next()).Take(StudentsPerSchool).ToArray();
            foreach (var student in students)
            {
                var hours = Math.Round(random.NextDouble() * 20, 1);
                var prior = Math.Round(40 + (random.NextDouble() * 40), 1);
                var score = Math.Round((2 * hours) + (0.5 * prior) + effect + (random.NextDouble() * 8), 2);
                var row = new List<string>
                {
                    Text(1 + (s % 7)), Text(3001 + (s * 7)), Text(student), Text(hours), Text(prior), Text(score),
                };
                row.AddRange(extra.Select(e => e.Value(score, rows.Count)));
                rows.Add([.. row]);
            }
        }

        var path = temp.Combine("survey.csv");
        new CsvTable(["region", "sch", "student", "hours", "prior", "score", .. extra.Select(e => e.Name)], rows).Write(path);
        return path;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Integer_codes_are_categorical_group_columns_never_regression_targets_and_the_split_keeps_groups_whole()
    {
        using var temp = new TempDirectory("forge-codes");
        var data = ForgeTestData.Read(WriteSurvey(temp));

        Assert.Equal(ColumnKind.Categorical, data.ColumnProfile("sch").Kind);
        Assert.Equal(ColumnKind.Categorical, data.ColumnProfile("region").Kind);
        Assert.Equal(ColumnKind.IdLike, data.ColumnProfile("student").Kind);
        Assert.Contains("within each sch", data.ColumnProfile("student").KindReason, StringComparison.Ordinal);
        Assert.Equal("sch", data.GroupColumns[0]);
        Assert.Contains("contiguous blocks", data.ColumnProfile("sch").KindReason, StringComparison.Ordinal);

        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 50, CancellationToken.None);
        Assert.DoesNotContain(candidates, c => c.TaskType == TaskType.Regression && c.Target is "region" or "sch" or "student");
        Assert.Equal("score", candidates[0].Target);

        var design = await new BuiltinDesigner(ForgeTestData.Knowledge).DesignAsync(data, candidates[0], CancellationToken.None);
        Assert.Equal((SplitKind.Group, "sch"), (design.Split.Kind, design.Split.Column));
        Assert.Contains("student", design.Dropped.Select(d => d.Name));
        Assert.Contains("codes that name groups", design.Description, StringComparison.Ordinal);

        var forged = await new BuiltinRefactorer().WriteAsync(data, design, temp.Combine("task"), seed: 1, CancellationToken.None);
        var result = await new StructuralVerifier(new VerificationOptions()).VerifyAsync(forged, CancellationToken.None);
        Assert.Equal(0, forged.GroupsOnBothSides);
        Assert.True(Assert.Single(result.Checks, c => c.Name == "groups").Passed);
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
    }

    [Fact]
    public async Task A_noisy_copy_of_the_target_is_dropped_as_its_leak_and_is_no_target_itself()
    {
        using var temp = new TempDirectory("forge-copy");
        var noise = new Random(3);
        var path = WriteSurvey(temp, ("score_check", (score, _) => Text(Math.Round(score + ((noise.NextDouble() - 0.5) * 0.4), 2))));
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 2, Seed = 1 };

        var report = await ForgeTestData.Runner(request, execution: false).RunAsync(request, null, CancellationToken.None);

        var file = Assert.Single(report.Files);
        Assert.Contains(file.NotTargets, n => n.Name == "score_check" && n.Reason.Contains("a copy of 'score'", StringComparison.Ordinal));
        var score = Assert.Single(file.Tasks, t => t.Target == "score");
        Assert.True(score.Accepted, string.Join("; ", score.Reasons));
        Assert.Contains(score.Dropped, d => d.Name == "score_check" && d.Reason.Contains("leak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_leak_found_by_the_semantic_verifier_is_dropped_and_the_task_verified_again()
    {
        using var temp = new TempDirectory("forge-repair");
        // The score of the row before: the target's values in another order. Not a copy the designer sees (the two hardly
        // correlate), but the semantic verifier's shifted-copy screen does.
        var previous = 50.0;
        var path = WriteSurvey(temp, ("score_code", (score, _) =>
        {
            var value = previous;
            previous = score;
            return Text(value);
        }));
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 1, Seed = 2 };

        var report = await ForgeTestData.Runner(request, execution: false).RunAsync(request, null, CancellationToken.None);

        var task = Assert.Single(Assert.Single(report.Files).Tasks);
        Assert.Equal("score", task.Target);
        Assert.True(task.Accepted, string.Join("; ", task.Reasons));
        Assert.Contains(task.Dropped, d => d.Name == "score_code" && d.Reason.Contains("semantic verifier", StringComparison.Ordinal));
        Assert.Contains(task.Notes, n => n.Contains("repaired: dropped score_code", StringComparison.Ordinal));
        Assert.DoesNotContain("score_code", File.ReadLines(Path.Combine(task.Folder, "public", "train.csv")).First());
    }

    [Fact]
    public async Task A_measurement_that_defines_a_binary_target_is_blamed_as_its_leak_even_on_few_rows()
    {
        using var temp = new TempDirectory("forge-threshold");
        var path = WriteSurvey(temp, ("passed", (score, _) => score >= 60 ? "yes" : "no"));
        var table = CsvTable.Read(path);
        var few = temp.Combine("few.csv");
        new CsvTable(table.Columns, table.Rows.Take(180).ToArray()).Write(few);
        var data = ForgeTestData.Read(few);
        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 50, CancellationToken.None);
        var passed = Assert.Single(candidates, c => c.Target == "passed" && c.Variant is null);

        var design = await new BuiltinDesigner(ForgeTestData.Knowledge).DesignAsync(data, passed, CancellationToken.None);
        var forged = await new BuiltinRefactorer().WriteAsync(data, design, temp.Combine("task"), seed: 1, CancellationToken.None);
        var result = await new SemanticVerifier(ForgeTestData.Knowledge, new VerificationOptions()).VerifyAsync(forged, CancellationToken.None);

        var leak = Assert.Single(result.Checks, c => c.Name == "single-feature-leak");
        Assert.False(leak.Passed);
        Assert.Equal(["score"], leak.Features);
    }

    [Fact]
    public void The_forge_knowledge_holds_no_file_specific_entries()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Prompts, "forge", ForgeKnowledge.FileName));

        Assert.DoesNotContain("datasets:", text, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(TestPaths.RawDatasets))
        {
            var source = Path.GetFileNameWithoutExtension(file).Split("__")[^1].ToLowerInvariant();
            Assert.DoesNotMatch($@"\b{System.Text.RegularExpressions.Regex.Escape(source)}\b", text.ToLowerInvariant());
        }
    }
}
