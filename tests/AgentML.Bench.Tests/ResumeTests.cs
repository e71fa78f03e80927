using AgentML.Core.Runs;
using AgentML.Bench.Agents;
using AgentML.Store.Bench;

namespace AgentML.Bench.Tests;

/// <summary>A killed bench resumes: finished runs are skipped, interrupted and pending ones run.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task Killed_bench_resumes_and_skips_finished_runs()
    {
        using var h = new BenchHarness();
        var tasks = h.Temp.Combine("tasks");
        BenchFixtures.TaskFolder(tasks, "toy-a");
        BenchFixtures.TaskFolder(tasks, "toy-b");
        var options = h.Options(tasks, seeds: 2);
        using var kill = new CancellationTokenSource();
        var first = new DelegateAgent(async (req, ct) =>
        {
            if (req.Competition.Id == "toy-a" && req.Seed == 0)
            {
                File.Copy(req.Competition.Task.SampleSubmissionPath, req.Workspace.SubmissionPath);
                return new AgentRunResult(AgentOutcome.Completed, 0, TimeSpan.Zero);
            }

            // The second run is "killed" while it works: the whole bench is cancelled.
            await kill.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return new AgentRunResult(AgentOutcome.Completed, 0, TimeSpan.Zero);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync(options, first, "bench-resume-test", kill.Token));
        var afterKill = h.Store.Runs("bench-resume-test");
        Assert.Single(afterKill, r => r.Status == BenchRunStatus.Finished);
        Assert.Contains(afterKill, r => r.Status == BenchRunStatus.Running);
        Assert.True(File.Exists(Path.Combine(h.Store.FindBench("bench-resume-test")!.OutputDirectory, "report.json")));

        var second = DelegateAgent.Writing(_ => null);
        var resumed = new DelegateAgent((req, ct) =>
        {
            File.Copy(req.Competition.Task.SampleSubmissionPath, req.Workspace.SubmissionPath);
            return second.RunAsync(req, ct);
        });
        // A resume names only the bench: the stored inputs and seeds are used.
        var other = options with { Inputs = [h.Temp.Combine("elsewhere")], Seeds = [7] };
        var files = await h.RunAsync(other, resumed, "bench-resume-test");

        Assert.Equal(3, resumed.Calls);
        var runs = h.Store.Runs("bench-resume-test");
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal(BenchRunStatus.Finished, r.Status));
        Assert.Equal(1, runs.Single(r => r.CompetitionId == "toy-a" && r.Seed == 0).Attempts);
        Assert.Single(runs, r => r.Attempts == 2); // the run that was interrupted ran again
        Assert.True(files.Report.Complete);
        Assert.Equal(4, files.Report.Batch.TotalValidSubmissions);
        Assert.All(files.Report.Runs, r => Assert.Equal(0.5, r.Report!.Score!.Value, 9));
    }

    [Fact]
    public async Task Unfinished_bench_report_counts_missing_runs_as_no_submission()
    {
        using var h = new BenchHarness();
        var tasks = h.Temp.Combine("tasks");
        BenchFixtures.TaskFolder(tasks, "toy-a");
        BenchFixtures.TaskFolder(tasks, "toy-b");
        var (bench, _, competitions) = h.Service.Prepare(h.Options(tasks, seeds: 2), "bench-partial");
        // Only toy-a runs; toy-b is never run.
        await h.Runner.RunAsync(bench, competitions.Where(c => c.Id == "toy-a").ToArray(), DelegateAgent.Writing(_ => "id,label\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}\n"))), h.Options(tasks), null, CancellationToken.None);

        var files = h.Service.WriteReports("bench-partial");

        Assert.False(files.Report.Complete);
        Assert.Equal(4, files.Report.Batch.TotalRuns);
        Assert.Equal(2, files.Report.Batch.TotalRunsWithSubmissions);
        var exists = files.Report.Splits.Single(s => s.Name == "all").Percentages["submission_exists"];
        Assert.Equal([50.0, 50.0], exists.PerSeed);
        var medal = files.Report.Splits.Single(s => s.Name == "all").Percentages["gold_medal"];
        Assert.Equal(50, medal.Mean, 9); // perfect accuracy 1.0 ≥ gold threshold 0.95 on toy-a only
    }
}
