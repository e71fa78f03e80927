using System.Text.Json;
using AgentML.Bench.Reporting;

namespace AgentML.Bench.Tests;

/// <summary>Statistics and the rendered reports.</summary>
public sealed class ReportTests
{
    [Fact]
    public void Mean_and_standard_error_use_the_sample_standard_deviation()
    {
        var v = Stats.MeanSe([10, 20, 30]);
        Assert.Equal(20, v.Mean, 12);
        Assert.Equal(10 / Math.Sqrt(3), v.StandardError, 12);
        Assert.Equal(0, Stats.MeanSe([42]).StandardError);
        Assert.Equal(0, Stats.MeanSe([]).Mean);
    }

    [Fact]
    public async Task Reports_are_written_as_json_markdown_and_html_with_charts_and_rerendered()
    {
        using var h = new BenchHarness();
        var tasks = h.Temp.Combine("tasks");
        var folder = BenchFixtures.TaskFolder(tasks);
        var perfect = "id,label\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}\n"));
        var files = await h.RunAsync(h.Options(tasks, seeds: 3), new DelegateAgent((req, _) =>
        {
            // seed 0 perfect (gold), seed 1 the sample (0.5: no medal), seed 2 nothing.
            if (req.Seed == 0)
            {
                File.WriteAllText(req.Workspace.SubmissionPath, perfect);
                Directory.CreateDirectory(Path.Combine(req.Workspace.CodeDirectory, "solve-run"));
                File.WriteAllText(Path.Combine(req.Workspace.CodeDirectory, "solve-run", "report.html"), "<html></html>");
            }
            else if (req.Seed == 1)
            {
                File.Copy(Path.Combine(folder, "public", "sample_submission.csv"), req.Workspace.SubmissionPath);
            }

            return Task.FromResult(new Agents.AgentRunResult(Agents.AgentOutcome.Completed, 0, TimeSpan.FromSeconds(1)));
        }));

        using var json = JsonDocument.Parse(File.ReadAllText(files.Json));
        var batch = json.RootElement.GetProperty("batch");
        Assert.Equal(3, batch.GetProperty("total_runs").GetInt32());
        Assert.Equal(2, batch.GetProperty("total_runs_with_submissions").GetInt32());
        Assert.Equal(1, batch.GetProperty("total_gold_medals").GetInt32());
        var reports = batch.GetProperty("competition_reports");
        Assert.Equal(3, reports.GetArrayLength()); // one per run, with or without a submission
        string[] fields = ["competition_id", "score", "gold_threshold", "silver_threshold", "bronze_threshold", "median_threshold", "any_medal", "gold_medal", "silver_medal", "bronze_medal", "above_median", "submission_exists", "valid_submission", "is_lower_better", "created_at", "submission_path"];
        Assert.All(fields, f => Assert.True(reports[0].TryGetProperty(f, out _), f));
        var anyMedal = json.RootElement.GetProperty("splits")[0].GetProperty("percentages").GetProperty("any_medal");
        Assert.Equal(100 / 3.0, anyMedal.GetProperty("mean").GetDouble(), 9);

        var md = File.ReadAllText(files.Markdown);
        Assert.Contains("| all | 1 | 33.3 ± 33.3 |", md, StringComparison.Ordinal);
        var html = File.ReadAllText(files.Html);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("toy-labels", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"runs/toy-labels/seed-0/code/solve-run/report.html\">seed 0</a>", html, StringComparison.Ordinal);
        Assert.Contains("| 0.5 – 1 |", md, StringComparison.Ordinal);
        Assert.Contains("[report](runs/toy-labels/seed-0/code/solve-run/report.html)", md, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(h.Store.FindBench(files.Report.BenchId)!.OutputDirectory, "runs", "toy-labels", "seed-0", "report.json")));

        File.Delete(files.Html);
        var again = h.Service.WriteReports(files.Report.BenchId);
        Assert.True(File.Exists(again.Html));
        Assert.Equal(files.Report.Batch.TotalRuns, again.Report.Batch.TotalRuns);
    }

    [Fact]
    public void Unknown_bench_is_a_clear_error()
    {
        using var h = new BenchHarness();
        var ex = Assert.Throws<UserFacingException>(() => h.Service.WriteReports("bench-nope"));
        Assert.Contains("bench-nope", ex.Message, StringComparison.Ordinal);
    }
}
