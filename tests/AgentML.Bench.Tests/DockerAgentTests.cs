using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Sandbox;
using AgentML.Sandbox.Docker;
using AgentML.Testing;

namespace AgentML.Bench.Tests;

/// <summary>External agents in Docker see MLE-bench's layout: /home/data (read-only), /home/submission, ...</summary>
public sealed class DockerAgentTests
{
    [Fact]
    public void Docker_job_uses_mlebench_paths_and_never_mounts_answers()
    {
        using var h = new BenchHarness();
        var folder = BenchFixtures.TaskFolder(h.Temp.Combine("tasks"));
        var competition = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new Core.Tasks.TaskLoader()).Discover(new CatalogOptions { Inputs = [folder] }).Single();
        var agent = new ExternalAgent(new NamedSandbox("docker"), new ExternalAgentOptions { Command = "python agent.py", Image = "my-agent:1" }, BenchResources.Load(TestPaths.Prompts));
        var workspace = new AgentWorkspace(h.Temp.Combine("run"), h.Temp.Combine("data"));

        var job = agent.BuildJob(new AgentRunRequest { Competition = competition, Seed = 3, Workspace = workspace, TimeLimit = TimeSpan.FromMinutes(5) });

        Assert.Equal("/home", job.ContainerRoot);
        Assert.Equal("my-agent:1", job.Image);
        Assert.Equal("agent", job.WorkingDirectory);
        Assert.Equal(["/bin/sh", "-c", "python agent.py"], job.Command);
        Assert.Equal(["data", "submission", "logs", "code", "agent"], job.Mounts.Select(m => m.Target));
        Assert.True(job.Mounts.Single(m => m.Target == "data").ReadOnly);
        Assert.All(job.Mounts, m => Assert.DoesNotContain("private", m.HostPath, StringComparison.Ordinal));
        Assert.Equal("{root}/data", job.Environment["DATA_DIR"]);
        Assert.Equal("{root}/submission", job.Environment["SUBMISSION_DIR"]);
        Assert.Equal("toy-labels", job.Environment["COMPETITION_ID"]);
        Assert.Equal("300", job.Environment["TIME_LIMIT_SECS"]);
        Assert.Contains("/home/data/description.md", job.Files[BenchResources.InstructionsFile], StringComparison.Ordinal);
        Assert.Contains("/home/submission/submission.csv", job.Files[BenchResources.InstructionsFile], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Dummy_agent_in_docker_writes_to_home_submission()
    {
        Skip.If(DockerAvailability.Problem is not null, "No Docker engine: " + DockerAvailability.Problem);
        using var h = new BenchHarness();
        var tasks = h.Temp.Combine("tasks");
        BenchFixtures.TaskFolder(tasks);
        var agentDir = h.Temp.Combine("agent");
        Directory.CreateDirectory(agentDir);
        File.WriteAllText(Path.Combine(agentDir, "start.sh"), """
            set -e
            test "$DATA_DIR" = /home/data && test "$SUBMISSION_DIR" = /home/submission && test "$(pwd)" = /home/agent
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            python3 /home/validate_submission.py > /home/logs/validate.txt
            if touch /home/data/x 2>/dev/null; then echo writable; else echo read-only; fi > /home/logs/data-mode.txt
            """.ReplaceLineEndings("\n"));
        using var sandbox = (DockerSandbox)new SandboxFactory().Create(SandboxKinds.Docker);
        var agent = new ExternalAgent(sandbox, new ExternalAgentOptions { AgentDirectory = agentDir, MemoryLimitMb = 1024 }, BenchResources.Load(TestPaths.Prompts));

        var files = await h.RunAsync(h.Options(tasks, limit: TimeSpan.FromSeconds(120)), agent);

        var run = Assert.Single(files.Report.Runs);
        Assert.Equal("completed", run.AgentOutcome);
        Assert.True(run.Report!.ValidSubmission, run.Report.InvalidReason);
        Assert.Equal(0.5, run.Report.Score!.Value, 9);
        Assert.Equal("Submission is valid.", File.ReadAllText(Path.Combine(run.RunDirectory!, "logs", "validate.txt")).Trim());
        Assert.Equal("read-only", File.ReadAllText(Path.Combine(run.RunDirectory!, "logs", "data-mode.txt")).Trim());
    }

    private sealed class NamedSandbox(string name) : ISandbox
    {
        public string Name => name;

        public Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken) =>
            throw new NotSupportedException("only BuildJob is tested");
    }
}
