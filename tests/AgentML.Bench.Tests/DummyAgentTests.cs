using AgentML.Bench.Agents;
using AgentML.Bench.Reporting;
using AgentML.Sandbox;
using AgentML.Testing;

namespace AgentML.Bench.Tests;

/// <summary>
/// External dummy agents run in the real process sandbox with MLE-bench's conventions, then graded: one copies the
/// sample submission, one crashes, one writes garbage, one sleeps past the time limit.
/// </summary>
public sealed class DummyAgentTests
{
    [Fact]
    public async Task Copying_the_sample_submission_is_valid_and_sees_only_public_data()
    {
        var (run, files) = await RunDummyAsync("""
            set -e
            cp "$DATA_DIR/sample_submission.csv" "$SUBMISSION_DIR/submission.csv"
            python3 "$VALIDATE_SUBMISSION" > "$LOGS_DIR/validate.txt"
            ls -R "$DATA_DIR" > "$LOGS_DIR/data.txt"
            if touch "$DATA_DIR/written" 2>/dev/null; then echo writable; else echo read-only; fi > "$LOGS_DIR/data-mode.txt"
            echo "$COMPETITION_ID $CODE_DIR $AGENT_DIR" > "$CODE_DIR/env.txt"
            grep -q "$COMPETITION_ID" ../instructions.txt
            """);

        Assert.Equal("completed", run.AgentOutcome);
        var report = run.Report!;
        Assert.True(report.SubmissionExists && report.ValidSubmission, report.InvalidReason);
        Assert.Equal(0.5, report.Score!.Value, 9);
        Assert.False(report.AnyMedal);
        Assert.Equal(0.725, report.MedianThreshold!.Value, 9);
        var dir = run.RunDirectory!;
        Assert.Equal("Submission is valid.", files["logs/validate.txt"].Trim());
        var listing = files["logs/data.txt"];
        Assert.Contains("description.md", listing, StringComparison.Ordinal);
        Assert.Contains("train.csv", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("answers", listing, StringComparison.Ordinal);
        Assert.Equal("read-only", files["logs/data-mode.txt"].Trim());
        Assert.StartsWith("toy-labels " + Path.Combine(dir, "code"), files["code/env.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crashing_agent_has_no_submission()
    {
        var (run, files) = await RunDummyAsync("echo 'Traceback: boom' >&2\nexit 3");
        Assert.Equal("crashed", run.AgentOutcome);
        Assert.Equal(3, run.ExitCode);
        Assert.False(run.Report!.SubmissionExists);
        Assert.False(run.Report.ValidSubmission);
        Assert.Null(run.Report.Score);
        Assert.Equal(0.95, run.Report.GoldThreshold!.Value, 9); // thresholds are still reported
        Assert.Contains("boom", files["logs/agent-output.log"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_submission_exists_but_is_invalid()
    {
        var (run, files) = await RunDummyAsync("printf 'what,is\\nthis,\"\\n' > \"$SUBMISSION_DIR/submission.csv\"");
        Assert.Equal("completed", run.AgentOutcome);
        Assert.True(run.Report!.SubmissionExists);
        Assert.False(run.Report.ValidSubmission);
        Assert.Null(run.Report.Score);
        Assert.False(string.IsNullOrWhiteSpace(run.Report.InvalidReason));
        Assert.False(run.Report.AnyMedal || run.Report.AboveMedian);
    }

    [Fact]
    public async Task Sleeping_past_the_limit_is_stopped_and_graded_without_submission()
    {
        var (run, files) = await RunDummyAsync("sleep 120\ncp \"$DATA_DIR/sample_submission.csv\" \"$SUBMISSION_DIR/submission.csv\"", TimeSpan.FromSeconds(3));
        Assert.Equal("timeout", run.AgentOutcome);
        Assert.True(run.DurationSeconds < 60);
        Assert.False(run.Report!.SubmissionExists);
        Assert.False(run.Report.ValidSubmission);
    }

    private static async Task<(RunSummary Run, IReadOnlyDictionary<string, string> Files)> RunDummyAsync(string script, TimeSpan? limit = null)
    {
        using var h = new BenchHarness();
        var tasks = h.Temp.Combine("tasks");
        BenchFixtures.TaskFolder(tasks);
        var agentDir = h.Temp.Combine("agent");
        Directory.CreateDirectory(agentDir);
        File.WriteAllText(Path.Combine(agentDir, "start.sh"), script.ReplaceLineEndings("\n") + "\n");
        var sandbox = new SandboxFactory().Create(SandboxKinds.Process);
        try
        {
            var agent = new ExternalAgent(sandbox, new ExternalAgentOptions { AgentDirectory = agentDir, MemoryLimitMb = 1024 }, BenchResources.Load(TestPaths.Prompts));
            var files = await h.RunAsync(h.Options(tasks, limit: limit ?? TimeSpan.FromSeconds(60)), agent);
            var run = Assert.Single(files.Report.Runs);
            var kept = Directory.GetFiles(run.RunDirectory!, "*", SearchOption.AllDirectories)
                .Where(f => f.Contains("/logs/", StringComparison.Ordinal) || f.Contains("/code/", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(run.RunDirectory!, f).Replace('\\', '/'), File.ReadAllText);
            return (run, kept);
        }
        finally
        {
            (sandbox as IDisposable)?.Dispose();
        }
    }
}
