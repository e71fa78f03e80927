using AgentML.Store;
using AgentML.Store.Bench;
using AgentML.Testing;

namespace AgentML.Executors.Tests;

/// <summary>
/// `agentml bench --executor slurm` end to end on the one-node cluster: each (competition, seed) run is a job, the
/// coordinator grades; a coordinator killed with SIGKILL re-attaches to its jobs on resume; Ctrl+C cancels its jobs.
/// </summary>
public sealed class SlurmBenchTests : IDisposable
{
    private const string CopySample = "cp \"$SAMPLE_SUBMISSION\" \"$SUBMISSION_DIR/submission.csv\"";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private readonly TempDirectory _dir = new("agentml-slurm-bench");

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.Combine("agentml.db");

    private string[] Bench(string benchId, string agentCommand, int seeds) =>
    [
        "bench", TestPaths.Task("penguin-species"), "--agent-cmd", agentCommand, "--time", "1m", "--seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--parallel", "2", "--bench-id", benchId, "--db", Db, "--out", _dir.Combine("shared", "bench"), "--executor", "slurm", "--shared-dir", _dir.Combine("shared"),
    ];

    private IReadOnlyList<BenchRunDocument> Runs(string benchId)
    {
        try
        {
            return BenchStore.Open(Db).Runs(benchId);
        }
        finally
        {
            StoreDatabase.Close(Db);
        }
    }

    [Fact]
    public async Task Each_competition_and_seed_is_one_job_graded_here()
    {
        SlurmCluster.Require();
        var (code, output) = await AgentMlProcess.RunAsync(Limit, Bench("b-run", CopySample, seeds: 2));
        Assert.True(code == 0, output);
        var runs = Runs("b-run");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r =>
        {
            Assert.Equal(BenchRunStatus.Finished, r.Status);
            Assert.Equal("completed", r.AgentOutcome);
            Assert.NotNull(r.JobId);
            Assert.Contains("\"valid_submission\": true", r.ReportJson);
            Assert.Contains("COMPLETED", File.ReadAllText(Path.Combine(r.RunDirectory, "logs", "slurm.txt")));
        });
        Assert.NotEqual(runs[0].JobId, runs[1].JobId);
    }

    [Fact]
    public async Task A_coordinator_killed_with_SIGKILL_reattaches_to_its_jobs_on_resume()
    {
        SlurmCluster.Require();
        IReadOnlyList<string> jobs;
        using (var first = AgentMlProcess.Start(Bench("b-kill", "sleep 12; " + CopySample, seeds: 2)))
        {
            jobs = await WaitForJobsAsync("agentml-bench-b-kill-", 2, first);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the job ids are stored right after sbatch answers
            first.KillHard();
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(2, SlurmCluster.QueuedJobs("agentml-bench-b-kill-").Count); // the jobs outlive their coordinator
        var (code, output) = await AgentMlProcess.RunAsync(Limit, "bench", "resume", "b-kill", "--db", Db);
        Assert.True(code == 0, output);
        var runs = Runs("b-kill");
        Assert.All(runs, r =>
        {
            Assert.Equal(BenchRunStatus.Finished, r.Status);
            Assert.Equal("completed", r.AgentOutcome);
            Assert.Equal(1, r.Attempts); // re-attached, not submitted twice
            Assert.Contains("\"valid_submission\": true", r.ReportJson);
        });
        Assert.Equal(jobs.Order(), runs.Select(r => r.JobId!).Order());
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_bench_jobs()
    {
        SlurmCluster.Require();
        using var bench = AgentMlProcess.Start(Bench("b-cancel", "sleep 300; " + CopySample, seeds: 2));
        var jobs = await WaitForJobsAsync("agentml-bench-b-cancel-", 2, bench);
        await Task.Delay(TimeSpan.FromSeconds(1));
        bench.Interrupt();
        await bench.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.All(jobs, id => Assert.Equal("", SlurmCluster.QueueState(id)));
        Assert.All(Runs("b-cancel"), r =>
        {
            Assert.NotEqual(BenchRunStatus.Finished, r.Status);
            Assert.Null(r.JobId);
        });
    }

    private static async Task<IReadOnlyList<string>> WaitForJobsAsync(string prefix, int count, AgentMlProcess coordinator)
    {
        for (var i = 0; i < 240; i++)
        {
            var jobs = SlurmCluster.QueuedJobs(prefix);
            if (jobs.Count >= count)
            {
                return jobs;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"{count} jobs named {prefix}* never showed in squeue:\n{coordinator.Output}");
    }
}
