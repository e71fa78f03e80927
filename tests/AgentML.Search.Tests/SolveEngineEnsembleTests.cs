using System.Text.Json;
using AgentML.Core.Data;
using AgentML.Core.Runs;
using AgentML.Sandbox;
using AgentML.Search.Tests.Fakes;
using AgentML.Store;
using AgentML.Testing;
using static AgentML.Search.Tests.SolveEngineFixture;

namespace AgentML.Search.Tests;

/// <summary>The solve engine's refits and ensembles of nodes.</summary>
public sealed class SolveEngineEnsembleTests
{
    [Fact]
    public async Task ARefitRunsOnEveryLabelledRowInTheRunsFoldsAndIsDroppedWhenItsOutOfFoldScoreDoesNotHoldUp()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var team = new FakeTeam(FakeTask.Program(0.3, refitOffset: 0.9), FakeTask.Program(0.6)) { Improve = p => p.Code };
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, sandbox);

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal([("n001", SandboxReason.Ok)], sandbox.Runs.Where(r => r.Input == "refit").Select(r => (r.Node, r.Reason)));
        var refit = Path.Combine(dir.Path, "runs", run.Id, "dev", "refit");
        var refitTrain = CsvTable.Read(Path.Combine(refit, "train.csv"));
        Assert.Equal(200, refitTrain.Rows.Count); // the training rows and the sealed check rows
        var folds = CsvTable.Read(Path.Combine(refit, "folds.csv"));
        Assert.Equal(refitTrain.Column("id"), folds.Column("id"));
        var full = CsvTable.Read(Path.Combine(dir.Path, "runs", run.Id, "dev", "full", "folds.csv"));
        var foldOf = folds.Column("id").Zip(folds.Column("fold")).ToDictionary(p => p.First, p => p.Second);
        Assert.All(full.Rows, r => Assert.Equal(r[1], foldOf[r[0]])); // training rows keep their folds
        Assert.Equal(50, CsvTable.Read(Path.Combine(refit, "test.csv")).Rows.Count); // only the task's test rows
        // The refit's out-of-fold rmse (0.9) is far worse than its search run's (0.3): its predictions are not used.
        Assert.Contains("fold models", run.Message, StringComparison.Ordinal);
        Assert.Equal(0.3, run.TestScore!.Value, 6);
        var final = store.GetExecutions(run.Id).Single(e => e.Fidelity == Fidelity.Final);
        Assert.Contains("refit not used", final.Error, StringComparison.Ordinal);
        Assert.Equal(0.9, final.Score!.Value, 6);

        // A refit that holds up replaces the fold models' predictions.
        var (service2, _) = Service(db, new FakeTeam(FakeTask.Program(0.3, refitOffset: 0.25), FakeTask.Program(0.6)) { Improve = p => p.Code }, new FakeSandbox());
        var kept = await service2.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs2"), null, CancellationToken.None);
        Assert.Contains("re-run on all training rows", kept.Message, StringComparison.Ordinal);
        Assert.Equal(0.25, kept.TestScore!.Value, 6);

        // By default a regression task's fold models stand: no class is rarer than the folds.
        var quiet = new FakeSandbox();
        var (service3, _) = Service(db, new FakeTeam(FakeTask.Program(0.3, refitOffset: 0.25), FakeTask.Program(0.6)) { Improve = p => p.Code }, quiet);
        var auto = await service3.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2, Refit = RefitMode.Auto }, dir.Combine("runs3"), null, CancellationToken.None);
        Assert.DoesNotContain(quiet.Runs, r => r.Input == "refit");
        Assert.Equal(0.3, auto.TestScore!.Value, 6);
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task AnEnsembleOfNodesWhoseErrorsCancelBecomesTheSubmission()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var team = new FakeTeam(FakeTask.Program(0.3), FakeTask.Program(-0.3)) { Improve = p => p.Code };
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, sandbox);

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        var ensemble = run.Ensemble!;
        Assert.True(ensemble.Wins);
        Assert.Equal(["n001", "n002"], ensemble.Members.Select(m => m.NodeId).Order());
        Assert.Equal(0.5, ensemble.Members[0].Weight, 6);
        Assert.True(ensemble.Score < 1e-9);
        Assert.Contains("ensemble", run.Message, StringComparison.Ordinal);
        Assert.Contains("refitted on all labelled rows", run.Message, StringComparison.Ordinal);
        Assert.Equal(["n001", "n002"], sandbox.Runs.Where(r => r.Input == "refit").Select(r => r.Node).Order());
        Assert.True(run.TestScore < 1e-9);
        Assert.Equal(ensemble.Score, store.FindRun(run.Id)!.Ensemble!.Score, 9);
        using var tree = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "runs", run.Id, "tree.json")));
        var written = tree.RootElement.GetProperty("run").GetProperty("ensemble");
        Assert.True(written.GetProperty("wins").GetBoolean());
        Assert.Equal(2, written.GetProperty("members").GetArrayLength());
        Assert.Contains("2 in the ensemble", File.ReadAllText(Path.Combine(dir.Path, "runs", run.Id, "report.md")), StringComparison.Ordinal);
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task AnEnsembleBlendsTheRefitsThatHeldUpWithTheFoldModelsOfTheOtherMembers()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        // n001's refit goes astray (out-of-fold 0.9 against 0.3): its fold models stay; n002's refit holds (-0.25).
        var team = new FakeTeam(FakeTask.Program(0.3, refitOffset: 0.9), FakeTask.Program(-0.3, refitOffset: -0.25)) { Improve = p => p.Code };
        var sandbox = new FakeSandbox();
        var db = dir.Combine("agentml.db");
        var (service, _) = Service(db, team, sandbox);

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 2) with { DraftCount = 2 }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.True(run.Ensemble!.Wins);
        Assert.Equal(["n001", "n002"], sandbox.Runs.Where(r => r.Input == "refit").Select(r => r.Node).Order());
        Assert.Contains("refitted on all labelled rows", run.Message, StringComparison.Ordinal);
        Assert.Equal(0.025, run.TestScore!.Value, 6); // 0.5 × 0.3 (n001's fold models) + 0.5 × -0.25 (n002's refit)
        StoreDatabase.Close(db);
    }

    [Fact]
    public async Task NodesThatFinishedOnlyTheirFirstFoldAreRankedAndEnsembledOnTheRowsTheyPredicted()
    {
        using var dir = new TempDirectory();
        var taskFolder = FakeTask.Create(dir.Combine("task"), trainRows: 6000);
        var team = new FakeTeam(FakeTask.Program(1.0), FakeTask.Program(0.3, cover: 1), FakeTask.Program(-0.3, cover: 1)) { Improve = p => p.Code };
        var db = dir.Combine("agentml.db");
        var (service, store) = Service(db, team, new FakeSandbox());

        var run = await service.SolveAsync(SolveService.LoadTask(taskFolder, null), Settings(maxNodes: 3) with { DraftCount = 3 }, dir.Combine("runs"), null, CancellationToken.None);

        Assert.Equal(RunStatus.Finished, run.Status);
        var nodes = store.GetNodes(run.Id);
        Assert.Equal(1.0, nodes[0].Coverage!.Value, 6);
        Assert.InRange(nodes[1].Coverage!.Value, 0.15, 0.25);
        Assert.NotEqual("n001", run.BestNodeId); // a score on 1,000-odd rows competes with a complete node's
        Assert.Equal(0.3, run.BestScore!.Value, 6);
        var ensemble = run.Ensemble!;
        Assert.True(ensemble.Wins);
        Assert.Equal(["n002", "n003"], ensemble.Members.Select(m => m.NodeId).Order());
        Assert.True(ensemble.Score < 1e-9);
        Assert.True(run.TestScore < 1e-9);
        StoreDatabase.Close(db);
    }
}
