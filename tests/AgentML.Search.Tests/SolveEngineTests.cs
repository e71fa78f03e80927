using AgentML.Core.Runs;
using System.Text.Json;
using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Sandbox;
using AgentML.Search.Engine;
using AgentML.Search.Tests.Fakes;
using AgentML.Store;
using AgentML.Store.Runs;
using AgentML.Testing;
using static AgentML.Search.Tests.SolveEngineFixture;

namespace AgentML.Search.Tests;

public sealed class SolveEngineTests
{
    [Fact]
    public async Task SolveFindsTheBestProgramAndWritesAValidatedSubmissionAndReports()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var team = new FakeTeam(FakeTask.Program(0.8), FakeTask.Program(0.4, fail: true), FakeTask.Program(0.6));
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, sandbox);
        var task = SolveService.LoadTask(taskFolder, null);

        var run = await service.SolveAsync(task, Settings(maxNodes: 8), dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        var nodes = store.GetNodes(run.Id);
        Assert.Equal(8, nodes.Count);
        Assert.Equal(3, nodes.Count(n => n.Operator == NodeOperator.Draft));
        Assert.Contains(nodes, n => n.Operator == NodeOperator.Debug && n.ParentIds.SequenceEqual(["n002"]));
        Assert.Contains(nodes, n => n.Operator == NodeOperator.Improve);
        Assert.All(nodes, n => Assert.True(n.Status.IsFinished()));
        Assert.Equal(NodeStatus.Buggy, nodes[1].Status);
        Assert.Equal(0.8, nodes[0].Score!.Value, 6);

        var best = nodes.Where(n => n.Score is not null).MinBy(n => n.Score)!;
        Assert.Equal(best.Id, run.BestNodeId);
        Assert.True(best.Score < 0.4);
        Assert.Equal(best.Id, run.FinalNodeId);
        Assert.Equal(best.Score!.Value, run.TestScore!.Value, 6);

        var root = Path.Combine(dir.Path, "runs", run.Id);
        Assert.Equal(best.Code, File.ReadAllText(Path.Combine(root, "best_solution.py")));
        var submission = File.ReadAllLines(Path.Combine(root, "submission.csv"));
        Assert.Equal("id,y", submission[0]);
        Assert.Equal(51, submission.Length);
        foreach (var file in new[] { "tree.json", "report.md", "report.html", "nodes/n001/solution.py", "nodes/n001/output.txt" })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), file);
        }

        using var tree = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tree.json")));
        var treeNodes = tree.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(8, treeNodes.Count);
        Assert.Equal(3, treeNodes.Count(n => n.GetProperty("origin").GetString() == "new recipe"));
        Assert.Contains(treeNodes, n => n.GetProperty("operator").GetString() == "debug" && n.GetProperty("origin").GetString() == "fix");
        Assert.Equal("finished", tree.RootElement.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("3 new recipes", File.ReadAllText(Path.Combine(root, "report.md")), StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(root, "report.html")), StringComparison.Ordinal);

        var fullRuns = sandbox.Runs.Count(r => r.Input == "full");
        Assert.Equal(8, fullRuns);
        // The test rows rode along with the search; the chosen node is then refitted once on all labelled rows.
        Assert.Equal([(best.Id, SandboxReason.Ok)], sandbox.Runs.Where(r => r.Input is "refit" or "public").Select(r => (r.Node, r.Reason)));
        Assert.Contains("re-run on all training rows", run.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "dev", "full", "answers-train.csv")));
        Assert.True(File.Exists(Path.Combine(root, "nodes", best.Id, "oof.csv")));
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task AWeightsFolderIsMountedReadOnlyIntoEveryProgramAndNamedByItsVariable()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var weights = dir.Combine("weights");
        Directory.CreateDirectory(weights);
        File.WriteAllText(Path.Combine(weights, "resnet18-f37072fd.pth"), "weights");
        var team = new FakeTeam(FakeTask.Program(0.8), FakeTask.Program(0.6));
        var sandbox = new FakeSandbox();
        var (service, _) = Service(dir.Combine("agentml.db"), team, sandbox);

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2, WeightsDirectory = weights }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.NotEmpty(sandbox.Jobs);
        Assert.All(sandbox.Jobs, job =>
        {
            var mount = Assert.Single(job.Mounts, m => m.Target == PretrainedWeights.MountName);
            Assert.Equal(weights, mount.HostPath);
            Assert.True(mount.ReadOnly);
            Assert.Equal("{root}/weights", job.Environment[PretrainedWeights.EnvironmentVariable]);
        });
    }

    [Fact]
    public void WithoutWeightsAJobIsUnchanged()
    {
        var job = SandboxJob.ForSolution("print(1)", "/tmp/input", Path.Combine(Path.GetTempPath(), "agentml-no-weights"), TimeSpan.FromSeconds(10), 0);

        var same = CandidateEvaluator.WithWeights(job, PretrainedWeights.None);

        Assert.Same(job, same);
        Assert.DoesNotContain(PretrainedWeights.EnvironmentVariable, same.Environment.Keys);
    }

    [Fact]
    public async Task ResumeFinishesAnInterruptedRunWithoutLosingOrRerunningFinishedNodes()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var db = dir.Combine("agentml.db");
        var team = new FakeTeam(FakeTask.Program(0.8), FakeTask.Program(0.5)) { Improve = _ => FakeTask.Program(0.1, wait: true) };
        var sandbox = new FakeSandbox();
        var (service, store) = Service(db, team, sandbox);
        var settings = Settings(maxNodes: 4) with { DraftCount = 2 };
        using var abort = new CancellationTokenSource();
        var solving = service.SolveAsync(SolveService.LoadTask(taskFolder, null), settings, dir.Combine("runs"), null, abort.Token);
        await sandbox.Waiting.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => solving);

        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatus.Running, run.Status);
        var before = store.GetNodes(run.Id);
        Assert.Equal([NodeStatus.Ok, NodeStatus.Ok, NodeStatus.Running], before.Select(n => n.Status));
        StoreDatabase.Close(db);

        var resumedTeam = new FakeTeam(FakeTask.Program(0.8), FakeTask.Program(0.5));
        var resumedSandbox = new FakeSandbox(honourWait: false);
        var (resumer, store2) = Service(db, resumedTeam, resumedSandbox);
        var resumed = await resumer.ResumeAsync(run.Id[..12], null, null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(2, resumed.Sessions);
        var after = store2.GetNodes(run.Id);
        Assert.Equal(4, after.Count);
        Assert.Equal(before[0].FinishedAt, after[0].FinishedAt);
        Assert.Equal(before[1].Score, after[1].Score);
        var rerun = resumedSandbox.Runs.Where(r => r.Input == "full").Select(r => r.Node).ToList();
        Assert.DoesNotContain("n001", rerun);
        Assert.DoesNotContain("n002", rerun);
        Assert.Contains("n003", rerun);
        Assert.All(after, n => Assert.True(n.Status.IsFinished()));
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task EarlyScoringSkipsCandidatesThePredictorRulesOutAndStopsRunsThatCannotCatchUp()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"), trainRows: 400);
        var db = dir.Combine("agentml.db");
        var good = FakeTask.Program(0.1, folds: [0.1, 0.1, 0.1, 0.1, 0.1]);
        var team = new FakeTeam(FakeTask.Program(0.2), FakeTask.Program(0.3), FakeTask.Program(0.4), FakeTask.Program(0.5), good, FakeTask.Program(2.0), FakeTask.Program(3.0))
        {
            Improve = _ => FakeTask.Program(0.9, folds: [0.9, 0.9, 0.9, 0.9, 0.9], lowOffset: 0.05),
        };
        var sandbox = new FakeSandbox();
        var (service, store) = Service(db, team, sandbox);
        var settings = Settings(maxNodes: 8, EarlyScoringMode.On) with { DraftCount = 7, Policy = "greedy" };

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), settings, dir.Combine("runs"), null, CancellationToken.None);

        var nodes = store.GetNodes(run.Id);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(8, run.LowFidelityRuns);
        Assert.Equal(2, run.NotPromoted);
        Assert.Equal([NodeStatus.Pruned, NodeStatus.Pruned], nodes.Skip(5).Take(2).Select(n => n.Status));
        Assert.Contains("not promoted", nodes[5].Error, StringComparison.Ordinal);
        Assert.Equal(1, run.StoppedEarly);
        Assert.Equal(NodeStatus.Pruned, nodes[7].Status);
        Assert.Contains("stopped early", nodes[7].Error, StringComparison.Ordinal);
        Assert.True(run.ComputeSavedSeconds > 0);
        Assert.Equal(1.0, run.SpearmanFidelity!.Value, 6);
        Assert.Equal(5, run.SpearmanFidelityPairs);
        Assert.Equal("n005", run.BestNodeId);
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task TheBestNodesFoldModelsStandWhenItsRefitFailsAndAReRunIsNeededWhenTheTestSetCouldNotRideAlong()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var team = new FakeTeam(FakeTask.Program(0.3, finalFail: true), FakeTask.Program(0.6)) { Improve = p => p.Code };
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, sandbox);

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("n001", run.FinalNodeId);
        Assert.Equal([SandboxReason.Error], sandbox.Runs.Where(r => r.Input is "refit" or "public").Select(r => r.Reason)); // its refit failed
        Assert.Contains("fold models", run.Message, StringComparison.Ordinal);
        var submission = CsvTable.Read(Path.Combine(dir.Path, "runs", run.Id, "submission.csv"));
        Assert.Equal(CsvTable.Read(Path.Combine(taskFolder, "public", "sample_submission.csv")).Column("id"), submission.Column("id"));
        Assert.Equal(0.3, run.TestScore!.Value, 6);
        Assert.Equal(0.3, store.GetNodes(run.Id)[0].Score!.Value, 6);

        // Without the test rows in the search, the best node whose re-run works is re-run on all training rows.
        var offline = new FakeSandbox();
        var (service2, _) = Service(db, team, offline);
        var rerun = await service2.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2, PredictTestDuringSearch = false }, dir.Combine("runs2"), null, CancellationToken.None);
        Assert.Equal(RunStatus.Finished, rerun.Status);
        Assert.Equal("n002", rerun.FinalNodeId);
        Assert.Equal([SandboxReason.Error, SandboxReason.Ok], offline.Runs.Where(r => r.Input == "public").Select(r => r.Reason));
        Assert.Equal(0.6, rerun.TestScore!.Value, 6);
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task ANodeThatPredictsExactlyWhatAnEarlierNodeDidIsMarkedAndNeverBuiltOn()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var edits = 0;
        // Every improvement is a new program that predicts what its parent did (a blend that gives the new member no weight).
        var team = new FakeTeam(FakeTask.Program(0.3), FakeTask.Program(0.6)) { Improve = p => $"{p.Code};edit={Interlocked.Increment(ref edits)}" };
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, new FakeSandbox());

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 7) with { DraftCount = 2, Policy = "greedy" }, dir.Combine("runs"), null, CancellationToken.None);

        var nodes = store.GetNodes(run.Id);
        var same = nodes.Where(n => n.SameAs is not null).ToList();
        Assert.NotEmpty(same);
        Assert.All(same, n => Assert.Contains(n.SameAs!, new[] { "n001", "n002" })); // the first node that predicted so
        Assert.All(same, n => Assert.Contains(n.Notes, note => note.Contains("identical to " + n.SameAs, StringComparison.Ordinal)));
        Assert.DoesNotContain(nodes, n => n.ParentIds.Any(p => same.Any(s => s.Id == p))); // nothing is built on them
        Assert.All(run.Ensemble?.Members ?? [], m => Assert.DoesNotContain(same, s => s.Id == m.NodeId));
        Assert.Equal(nodes.Where(n => n.Status == NodeStatus.Ok).Select(n => n.PredictionsDigest).Distinct().Count(), nodes.Count(n => n.Status == NodeStatus.Ok && n.SameAs is null));
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task A_search_whose_planner_has_no_plan_left_keeps_improving_the_best_nodes_until_its_budget_ends()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var edits = 0;
        // Improvements that predict what their parents did are never built on, so every lineage is soon used up; the
        // planner has three plans only. The search used to end there, with most of its budget left.
        var team = new FakeTeam(FakeTask.Program(0.3), FakeTask.Program(0.6), FakeTask.Program(0.5)) { Improve = p => $"{p.Code};edit={Interlocked.Increment(ref edits)}" };
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, new FakeSandbox());

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 40), dir.Combine("runs"), null, CancellationToken.None);

        var nodes = store.GetNodes(run.Id);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(40, nodes.Count);
        Assert.Equal(3, nodes.Count(n => n.Operator == NodeOperator.Draft));
        var mostImproved = nodes.Max(parent => nodes.Count(n => n.Operator == NodeOperator.Improve && n.ParentIds.SequenceEqual([parent.Id])));
        Assert.True(mostImproved > 3, $"no node was improved more than {mostImproved} times");
        StoreDatabase.Close(db);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(16, SolveSettings.MaxDefaultParallel)]
    public void ByDefaultEveryCoreRunsACandidateUpToTheCap(int cores, int parallel) => Assert.Equal(parallel, SolveSettings.DefaultParallel(cores));

    [Fact]
    public async Task ABudgetTooShortToStartACandidateFailsTheRunSayingWhatTimeItNeeds()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var sandbox = new FakeSandbox();
        var (service, store) = Service(dir.Combine("agentml.db"), new FakeTeam(FakeTask.Program(0.8)), sandbox);
        var task = SolveService.LoadTask(taskFolder, null);

        var run = await service.SolveAsync(task, Settings(maxNodes: 4) with { TimeBudget = TimeSpan.FromSeconds(10) }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.NotEqual(RunStatus.Finished, run.Status);
        Assert.Empty(store.GetNodes(run.Id));
        Assert.Contains("no candidate started: a budget of 10 s leaves too little search time (give --time 20s or more)", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunHasAValidSubmissionAsSoonAsTheFirstNodeWorks()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var team = new FakeTeam(FakeTask.Program(0.5), FakeTask.Program(0.1, wait: true));
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, sandbox);
        using var abort = new CancellationTokenSource();

        var solving = service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs"), null, abort.Token);
        await sandbox.Waiting.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var run = Assert.Single(store.ListRuns());
        var path = Path.Combine(dir.Path, "runs", run.Id, "submission.csv");
        var early = CsvTable.Read(path);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => solving);

        Assert.Equal(50, early.Rows.Count);
        var grade = new SubmissionGrader().Grade(SolveService.LoadTask(taskFolder, null), path, Path.Combine(taskFolder, "private", "answers.csv"));
        Assert.True(grade.IsValid, grade.InvalidReason);
        Assert.Equal(0.5, grade.Score!.Value, 6);
        StoreDatabase.Close(db);
    }

    [Fact]
    public void BadInputStopsBeforeAnySandboxStarts()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        File.WriteAllText(Path.Combine(taskFolder, "public", "train.csv"), "id,x,y\n");
        var ex = Assert.Throws<UserFacingException>(() => SolveService.LoadTask(taskFolder, null));
        Assert.Contains("train.csv", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(taskFolder, "public", "train.csv"), "id,x\n1,2\n");
        Assert.Throws<UserFacingException>(() => SolveService.LoadTask(taskFolder, null));

        Assert.Throws<UserFacingException>(() => SolveService.LoadTask(dir.Combine("nowhere"), null));
    }
}
