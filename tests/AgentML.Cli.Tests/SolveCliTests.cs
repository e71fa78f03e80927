using AgentML.Core.Runs;
using System.Diagnostics;
using AgentML.Store;
using AgentML.Store.Runs;
using AgentML.Testing;

namespace AgentML.Cli.Tests;

/// <summary>`agentml solve`, `resume`, `runs` and `show` as real processes with the builtin agents and the process sandbox.</summary>
public sealed class SolveCliTests
{
    private static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "penguins");

    [Fact]
    public async Task ASolveKilledWithSigkillIsFinishedByResumeWithoutLosingOrRerunningFinishedNodes()
    {
        using var dir = new TempDirectory("agentml-solve-kill");
        var db = dir.Combine("agentml.db");
        // Early scoring off: a candidate it stops within a second could end the three-node search between two polls.
        var solve = Start("solve", Example, "--time", "6m", "--max-nodes", "3", "--parallel", "1", "--seed", "1",
            "--program-time", "60s", "--early-scoring", "off", "--db", db, "--out", dir.Combine("runs"));

        string runId;
        List<NodeRecord> finished;
        List<ExecutionRecord> executions;
        try
        {
            (runId, finished, executions) = await WaitForFinishedNodesAsync(db, count: 2, solve);
        }
        finally
        {
            solve.Kill();
            await solve.WaitForExitAsync();
            solve.Dispose();
        }

        var foldsBefore = FoldFiles(dir.Combine("runs"), runId);
        Assert.NotEmpty(foldsBefore);
        using var resume = Start("resume", runId, "--db", db);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
        {
            await resume.WaitForExitAsync(timeout.Token);
        }

        var output = resume.Output.ToString();
        Assert.True(resume.ExitCode == 0, $"resume exit {resume.ExitCode}\n{output}");

        var store = RunStore.Open(db);
        var run = store.GetRun(runId)!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(2, run.Sessions);
        var after = store.GetNodes(runId);
        Assert.Equal(3, after.Count);
        Assert.All(after, n => Assert.True(n.Status.IsFinished(), $"{n.Id} {n.Status}"));
        foreach (var node in finished)
        {
            var now = Assert.Single(after, n => n.Id == node.Id);
            Assert.Equal(node.Status, now.Status);
            Assert.Equal(node.Score, now.Score);
            Assert.Equal(node.FinishedAt, now.FinishedAt);
            Assert.Equal(node.Code, now.Code);
        }

        Assert.Equal(foldsBefore, FoldFiles(dir.Combine("runs"), runId)); // the folds the finished nodes were scored on
        if (after.Count(n => n.Status == NodeStatus.Ok && n.Coverage >= 0.999) >= 2) // nodes whose every fold finished
        {
            Assert.NotNull(run.Ensemble);
            Assert.All(run.Ensemble.Members, m => Assert.Contains(after, n => n.Id == m.NodeId));
        }

        var executionsAfter = store.GetExecutions(runId);
        foreach (var execution in executions.Where(e => finished.Any(n => n.Id == e.NodeId)))
        {
            Assert.Equal(execution.StartedAt, Assert.Single(executionsAfter, e => e.Key == execution.Key).StartedAt);
        }

        Assert.True(File.Exists(run.SubmissionPath), output);
        Assert.StartsWith("id,Adelie,Chinstrap,Gentoo", File.ReadAllText(run.SubmissionPath!), StringComparison.Ordinal);
        StoreDatabase.Close(db);

        var (showExit, show, _) = await TaskCommandRunner.RunAsync("show", runId[..10], "--db", db);
        Assert.Equal(0, showExit);
        foreach (var node in after)
        {
            Assert.Contains(node.Id, show, StringComparison.Ordinal);
        }

        var (runsExit, runs, _) = await TaskCommandRunner.RunAsync("runs", "--db", db);
        Assert.Equal(0, runsExit);
        Assert.Contains(runId, runs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SolveOnPenguinSpeciesWritesAValidSubmissionAndReport()
    {
        using var dir = new TempDirectory("agentml-solve-e2e");
        var db = dir.Combine("agentml.db");
        var (exit, output, error) = await TaskCommandRunner.RunAsync("solve", TestPaths.Task("penguin-species"),
            "--time", "100s", "--max-nodes", "3", "--parallel", "1", "--db", db, "--out", dir.Combine("runs"));
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");

        var run = Assert.Single(RunStore.Open(db).ListRuns());
        StoreDatabase.Close(db);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.InRange(run.TestScore!.Value, 0, 0.3);
        var root = Path.Combine(dir.Path, "runs", run.Id);
        foreach (var file in new[] { "submission.csv", "best_solution.py", "tree.json", "report.md", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), file);
        }

        Assert.Equal(File.ReadAllLines(Path.Combine(TestPaths.Task("penguin-species"), "public", "sample_submission.csv")).Length,
            File.ReadAllLines(Path.Combine(root, "submission.csv")).Length);
        Assert.Contains("Score over time", File.ReadAllText(Path.Combine(root, "report.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-train", "train")]
    [InlineData("empty-train", "train.csv")]
    [InlineData("no-target", "train.csv")]
    [InlineData("bad-csv", "train.csv")]
    public async Task BadInputStopsWithAClearMessageBeforeAnySandboxStarts(string problem, string mentioned)
    {
        using var dir = new TempDirectory("agentml-solve-bad");
        var task = dir.Combine("task");
        CopyDirectory(Example, task);
        var train = Path.Combine(task, "public", "train.csv");
        switch (problem)
        {
            case "missing-train":
                File.Delete(train);
                break;
            case "empty-train":
                File.WriteAllText(train, File.ReadLines(train).First() + "\n");
                break;
            case "no-target":
                File.WriteAllLines(train, File.ReadAllLines(train).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))));
                break;
            default:
                File.AppendAllText(train, "999,\"Adelie,Torgersen,1,2\n");
                break;
        }

        var (exit, output, error) = await TaskCommandRunner.RunAsync("solve", task, "--time", "1m", "--db", dir.Combine("agentml.db"), "--out", dir.Combine("runs"));
        Assert.Equal(2, exit);
        Assert.Contains(mentioned, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("runs")));
    }

    private static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentml.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>A running agentml process whose output is collected.</summary>
    private sealed class CliProcess : IDisposable
    {
        private readonly Process _process;

        public CliProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public System.Text.StringBuilder Output { get; } = new();

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

        /// <summary>SIGKILL to the process and its children (the sandboxed program).</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose() => _process.Dispose();

        private void Append(string? line)
        {
            lock (Output)
            {
                Output.AppendLine(line);
            }
        }
    }

    /// <summary>Reads the database while the solve runs (read-only view) until <paramref name="count"/> nodes finished and another is running.</summary>
    private static async Task<(string RunId, List<NodeRecord> Finished, List<ExecutionRecord> Executions)> WaitForFinishedNodesAsync(string db, int count, CliProcess solve)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            Assert.False(solve.HasExited, "solve ended before it could be killed:\n" + solve.Output);
            if (File.Exists(db))
            {
                using var view = StoreDatabase.OpenReadOnly(db);
                var store = new RunStore(view);
                if (store.ListRuns().FirstOrDefault() is { } run)
                {
                    var nodes = store.GetNodes(run.Id);
                    var finished = nodes.Where(n => n.Status.IsFinished()).ToList();
                    if (finished.Count >= count && nodes.Any(n => n.Status == NodeStatus.Running))
                    {
                        return (run.Id, finished, [.. store.GetExecutions(run.Id)]);
                    }
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), timeout.Token);
        }
    }

    /// <summary>Every folds.csv the run staged for its programs, by relative path, with its content.</summary>
    private static Dictionary<string, string> FoldFiles(string runs, string runId)
    {
        var root = Path.Combine(runs, runId);
        return Directory.EnumerateFiles(root, "folds.csv", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("nodes", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText, StringComparer.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
