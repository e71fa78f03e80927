using System.Collections.Concurrent;
using AgentML.Executors.Slurm;
using AgentML.Sandbox;
using AgentML.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Executors.Tests;

/// <summary>Programs run as real jobs on the one-node cluster: metrics stream live, cancel scancels, timeouts map.</summary>
public sealed class SlurmSandboxTests : IDisposable
{
    private const string MetricProgram = """
        import json, os, time
        for k in range(3):
            print("AGENTML_METRIC " + json.dumps({"name": "cv", "step": k, "value": 0.5 + k / 10}), flush=True)
            time.sleep(float(os.environ.get("PAUSE", "0.2")))
        os.makedirs("submission", exist_ok=True)
        open("submission/submission.csv", "w").write("id,y\n1,0\n")
        print("done")
        """;

    private readonly TempDirectory _dir = new("agentml-slurm");

    public void Dispose() => _dir.Dispose();

    private (SlurmSandbox Sandbox, SlurmJobRunner Runner) Create(TimeSpan? grace = null)
    {
        SlurmCluster.Require();
        var options = SlurmCluster.Options(_dir.Combine("shared")) with { TimeGrace = grace ?? TimeSpan.FromMinutes(1) };
        var runner = new SlurmJobRunner(new SlurmClient(options), options, TimeProvider.System);
        return (new SlurmSandbox(SandboxKinds.Process, runner, logger: NullLogger<SlurmSandbox>.Instance), runner);
    }

    private SandboxJob Job(string code, TimeSpan limit, string pause = "0.2")
    {
        var input = Directory.CreateDirectory(_dir.Combine("input")).FullName;
        var job = SandboxJob.ForSolution(code, input, _dir.Combine("shared", "run-" + Guid.NewGuid().ToString("N")[..6]), limit, seed: 1);
        return job with { Environment = new Dictionary<string, string>(job.Environment) { ["PAUSE"] = pause } };
    }

    [Fact]
    public async Task Runs_a_program_as_a_job_and_streams_its_metrics()
    {
        var (sandbox, _) = Create();
        var job = Job(MetricProgram, TimeSpan.FromSeconds(60));
        var seen = new ConcurrentQueue<MetricLine>();
        var result = await sandbox.RunAsync(job, new Progress(seen.Enqueue), CancellationToken.None);

        Assert.True(result.Reason == SandboxReason.Ok, result.Message + "\n" + result.Output);
        Assert.Equal([0, 1, 2], seen.Select(m => m.Step).Order());
        Assert.Equal(3, result.Metrics.Count);
        Assert.Contains("done", result.Output);
        Assert.True(File.Exists(SandboxJob.SubmissionPath(job.HostRoot)));
        Assert.Contains("Slurm job " + sandbox.LastJobId + " COMPLETED", result.Message);
        Assert.Equal(SandboxKinds.Process, sandbox.Name);
    }

    [Fact]
    public async Task Cancelling_at_the_first_live_metric_scancels_the_job()
    {
        var (sandbox, _) = Create();
        var job = Job(MetricProgram, TimeSpan.FromSeconds(120), pause: "30");
        using var cts = new CancellationTokenSource();
        var seen = new ConcurrentQueue<MetricLine>();
        var result = await sandbox.RunAsync(job, new Progress(m =>
        {
            seen.Enqueue(m);
            cts.Cancel(); // in-run early stopping: the first partial score is enough
        }), cts.Token);

        Assert.Equal(SandboxReason.Killed, result.Reason);
        Assert.Single(seen);
        Assert.True(result.Duration < TimeSpan.FromSeconds(60), $"took {result.Duration}");
        Assert.Equal("", SlurmCluster.QueueState(sandbox.LastJobId!));
        Assert.False(File.Exists(SandboxJob.SubmissionPath(job.HostRoot)));
    }

    [Fact]
    public async Task A_program_past_its_time_limit_times_out()
    {
        var (sandbox, _) = Create();
        var job = Job("import time\nprint('start', flush=True)\ntime.sleep(120)\n", TimeSpan.FromSeconds(3));
        var result = await sandbox.RunAsync(job, null, CancellationToken.None);
        Assert.Equal(SandboxReason.Timeout, result.Reason);
        Assert.Contains("start", result.Output);
    }

    private sealed class Progress(Action<MetricLine> report) : IProgress<MetricLine>
    {
        public void Report(MetricLine value) => report(value);
    }
}
