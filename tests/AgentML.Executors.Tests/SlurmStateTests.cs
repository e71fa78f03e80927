using AgentML.Bench.Agents;
using AgentML.Bench.Running;
using AgentML.Executors.Remote;
using AgentML.Executors.Slurm;
using AgentML.Sandbox;
using AgentML.Testing;

namespace AgentML.Executors.Tests;

/// <summary>Parsing Slurm's answers, building sbatch arguments and mapping end states (no cluster needed).</summary>
public sealed class SlurmStateTests
{
    [Theory]
    [InlineData("PENDING", SlurmJobState.Pending)]
    [InlineData("RUNNING", SlurmJobState.Running)]
    [InlineData("CANCELLED by 0", SlurmJobState.Cancelled)]
    [InlineData("TIMEOUT", SlurmJobState.Timeout)]
    [InlineData("OUT_OF_MEMORY", SlurmJobState.OutOfMemory)]
    [InlineData("NODE_FAIL", SlurmJobState.NodeFail)]
    [InlineData("PREEMPTED", SlurmJobState.Preempted)]
    [InlineData("FAILED", SlurmJobState.Failed)]
    [InlineData("RUNNING+", SlurmJobState.Running)]
    [InlineData("what", SlurmJobState.Unknown)]
    public void Parses_state_words(string word, SlurmJobState expected) => Assert.Equal(expected, SlurmStates.Parse(word));

    [Fact]
    public void Retries_lost_jobs_but_not_timeouts()
    {
        Assert.True(SlurmStates.IsRetryable(SlurmJobState.Preempted));
        Assert.True(SlurmStates.IsRetryable(SlurmJobState.NodeFail));
        Assert.False(SlurmStates.IsRetryable(SlurmJobState.Timeout));
        Assert.False(SlurmStates.IsRetryable(SlurmJobState.OutOfMemory));
        Assert.False(SlurmStates.IsRetryable(SlurmJobState.Failed));
        Assert.False(SlurmStates.IsFinal(SlurmJobState.Pending));
        Assert.True(SlurmStates.IsFinal(SlurmJobState.Timeout));
    }

    [Fact]
    public void Parses_scontrol_one_line_output()
    {
        var line = "JobId=42 JobName=x UserId=root(0) JobState=TIMEOUT Reason=TimeLimit Dependency=(null) ExitCode=0:15 RunTime=00:01:18";
        var info = SlurmClient.ParseScontrol("42", line + "\n");
        Assert.NotNull(info);
        Assert.Equal(SlurmJobState.Timeout, info.State);
        Assert.Equal("TimeLimit", info.Reason);
        Assert.Equal(0, info.ExitCode);
        Assert.Null(SlurmClient.ParseScontrol("4", line));
    }

    [Fact]
    public void Sbatch_arguments_carry_the_cluster_options()
    {
        var options = new SlurmOptions { Partition = "gpu", Account = "lab", Qos = "high", Gres = "gpu:1", MemoryMb = 2048, ExtraArgs = ["--constraint=a100"], SharedDirectory = "/shared" };
        var args = new SlurmClient(options).SbatchArguments(new SlurmSubmission
        {
            Name = "agentml-x", ScriptPath = "/shared/j/job.sh", OutputPath = "/shared/j/slurm.out", WorkingDirectory = "/shared/j", TimeLimit = TimeSpan.FromSeconds(61), Cpus = 3, MemoryMb = 999,
        });
        Assert.Contains("--partition=gpu", args);
        Assert.Contains("--account=lab", args);
        Assert.Contains("--qos=high", args);
        Assert.Contains("--gres=gpu:1", args);
        Assert.Contains("--mem=2048", args);
        Assert.Contains("--cpus-per-task=3", args);
        Assert.Contains("--time=0-00:02:00", args);
        Assert.Contains("--constraint=a100", args);
        Assert.Equal("/shared/j/job.sh", args[^1]);
    }

    [Fact]
    public void Options_name_the_bad_value()
    {
        Assert.Contains("--slurm-cpus", Assert.Throws<UserFacingException>(() => new SlurmOptions { Cpus = 0 }.Validate()).Message);
        Assert.Contains("--sbatch-arg", Assert.Throws<UserFacingException>(() => new SlurmOptions { ExtraArgs = ["constraint"] }.Validate()).Message);
        Assert.Contains("--executor", Assert.Throws<UserFacingException>(() => ExecutorKinds.Validate("k8s")).Message);
    }

    [Fact]
    public void Forwarded_metric_lines_keep_their_time()
    {
        var line = SandboxJobWorker.Format(new MetricLine("cv_fold", 2, 0.8125, TimeSpan.FromSeconds(3.5)));
        Assert.True(SandboxJobWorker.TryParse(line, out var metric));
        Assert.Equal(("cv_fold", 2, 0.8125), (metric.Name, metric.Step, metric.Value));
        Assert.Equal(3.5, metric.Elapsed.TotalSeconds, 3);
        Assert.False(SandboxJobWorker.TryParse("agentml job 3 on vm", out _));
    }

    [Fact]
    public void Output_tail_returns_whole_lines_only()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("out.txt");
        var tail = new OutputTail(path);
        Assert.Empty(tail.ReadNewLines());
        File.WriteAllText(path, "a\nb");
        Assert.Equal(["a"], tail.ReadNewLines());
        File.AppendAllText(path, "c\nd\n");
        Assert.Equal(["bc", "d"], tail.ReadNewLines());
    }

    [Fact]
    public void Slurm_end_states_become_sandbox_reasons_and_bench_outcomes()
    {
        using var dir = new TempDirectory();
        var folder = new JobFolder(dir.Path);
        var job = new SandboxJob { HostRoot = dir.Path, TimeLimit = TimeSpan.FromSeconds(5) };
        Assert.Equal(SandboxReason.Timeout, SlurmSandbox.ToResult(job, new SlurmJobInfo("1", SlurmJobState.Timeout, "TimeLimit", 0), folder, TimeSpan.Zero, []).Reason);
        Assert.Equal(SandboxReason.OutOfMemory, SlurmSandbox.ToResult(job, new SlurmJobInfo("1", SlurmJobState.OutOfMemory, null, 0), folder, TimeSpan.Zero, []).Reason);
        var lost = SlurmSandbox.ToResult(job, new SlurmJobInfo("1", SlurmJobState.NodeFail, null, null), folder, TimeSpan.Zero, ["Slurm job 1 NODE_FAIL"]);
        Assert.Equal(SandboxReason.Error, lost.Reason);
        Assert.Contains("NODE_FAIL", lost.Message);

        var ok = new AgentRunResult(AgentOutcome.Completed, 0, TimeSpan.FromSeconds(3));
        Assert.Equal(AgentOutcome.Timeout, SlurmBenchExecutor.ToResult(new SlurmJobInfo("1", SlurmJobState.Timeout, null, 0), ok, TimeSpan.Zero).Outcome);
        Assert.Equal(AgentOutcome.Completed, SlurmBenchExecutor.ToResult(new SlurmJobInfo("1", SlurmJobState.Completed, null, 0), ok, TimeSpan.Zero).Outcome);
        Assert.Equal(AgentOutcome.Crashed, SlurmBenchExecutor.ToResult(new SlurmJobInfo("1", SlurmJobState.NodeFail, null, null), null, TimeSpan.Zero).Outcome);
        Assert.Equal(AgentOutcome.OutOfMemory, SlurmBenchExecutor.ToResult(new SlurmJobInfo("1", SlurmJobState.OutOfMemory, null, null), null, TimeSpan.Zero).Outcome);
    }
}
