using AgentML.Core.Runs;
using AgentML.Store;
using AgentML.Store.Runs;
using AgentML.Testing;
using LiteDB;

namespace AgentML.Store.Tests;

public sealed class RunStoreTests
{
    [Fact]
    public void NodesAndExecutionsSurviveReopeningTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("agentml.db");
        var store = RunStore.Open(path);
        store.SaveRun(new RunRecord { Id = "run-1", TaskId = "t", Metric = "accuracy", CreatedAt = DateTime.UtcNow });
        store.SaveNode(new NodeRecord { Id = "n002", RunId = "run-1", Number = 2, ParentIds = ["n001"], Operator = NodeOperator.Improve, Status = NodeStatus.Ok, Score = 0.8 });
        store.SaveNode(new NodeRecord { Id = "n001", RunId = "run-1", Number = 1, Operator = NodeOperator.Draft, Status = NodeStatus.Running });
        store.SaveNode(new NodeRecord { Id = "n001", RunId = "run-1", Number = 1, Operator = NodeOperator.Draft, Status = NodeStatus.Ok, Score = 0.7 });
        store.SaveExecution(new ExecutionRecord
        {
            RunId = "run-1", NodeId = "n001", TaskId = "t", Fidelity = Fidelity.Full, Score = 0.7,
            EarlyMetrics = [new MetricPoint { Name = "accuracy", Step = 1, Value = 0.69 }],
        });
        StoreDatabase.Close(path);

        var reopened = RunStore.Open(path);
        var nodes = reopened.GetNodes("run-1");
        Assert.Equal(["n001", "n002"], nodes.Select(n => n.Id));
        Assert.Equal(NodeStatus.Ok, nodes[0].Status);
        Assert.Equal(["n001"], nodes[1].ParentIds);
        var execution = Assert.Single(reopened.GetTaskExecutions("t"));
        Assert.Equal(0.69, Assert.Single(execution.EarlyMetrics).Value);
        Assert.Equal("run-1", reopened.FindRun("run")?.Id);
        StoreDatabase.Close(path);
    }

    [Fact]
    public void ImmutableRecordsRoundTripWithTheirKeysAndLists()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("agentml.db");
        var store = RunStore.Open(path);
        var node = new NodeRecord
        {
            Id = "n003", RunId = "run-1", Number = 3, ParentIds = ["n001", "n002"], Operator = NodeOperator.Merge, Status = NodeStatus.Running,
            FoldScores = [0.7, 0.75], Notes = ["first"], Coverage = 0.9, Cost = 0.25m, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        store.SaveNode(node);
        store.SaveNode(node with { Status = NodeStatus.Ok, Score = 0.72, Notes = [.. node.Notes, "second"], Leaky = true });
        var execution = new ExecutionRecord
        {
            RunId = "run-1", NodeId = "n003", TaskId = "t", Fidelity = Fidelity.Low, Reason = ExecutionReason.StoppedEarly, TrainFraction = 0.3,
            EarlyMetrics = [new MetricPoint { Name = "auc", Step = 1, Value = 0.6, ElapsedSeconds = 2.5 }, new MetricPoint { Name = "auc", Step = 2, Value = 0.65 }],
        };
        store.SaveExecution(execution);
        store.SaveExecution(execution with { Score = 0.66 });
        var ensemble = new EnsembleRecord { Members = [new EnsembleMemberRecord { NodeId = "n003", Weight = 0.6 }, new EnsembleMemberRecord { NodeId = "n001", Weight = 0.4 }], Score = 0.8, Wins = true };
        store.SaveRun(new RunRecord { Id = "run-1", Status = RunStatus.Finished, Ensemble = ensemble, Message = "done" });
        StoreDatabase.Close(path);

        var reopened = RunStore.Open(path);
        var stored = Assert.Single(reopened.GetNodes("run-1"));
        Assert.Equal("run-1/n003", stored.Key);
        Assert.Equal(["n001", "n002"], stored.ParentIds);
        Assert.Equal([0.7, 0.75], stored.FoldScores);
        Assert.Equal(["first", "second"], stored.Notes);
        Assert.Equal((NodeStatus.Ok, NodeOperator.Merge, 0.72, 0.9, 0.25m, true), (stored.Status, stored.Operator, stored.Score, stored.Coverage, stored.Cost, stored.Leaky));
        Assert.Equal(node.CreatedAt, stored.CreatedAt);
        var run = Assert.Single(reopened.GetExecutions("run-1"));
        Assert.Equal("run-1/n003/low", run.Key);
        Assert.Equal((Fidelity.Low, ExecutionReason.StoppedEarly, 0.3, 0.66), (run.Fidelity, run.Reason, run.TrainFraction, run.Score));
        Assert.Equal(execution.EarlyMetrics, run.EarlyMetrics);
        var storedRun = reopened.GetRun("run-1")!;
        Assert.Equal((RunStatus.Finished, "done", 0.8, true), (storedRun.Status, storedRun.Message, storedRun.Ensemble?.Score, storedRun.Ensemble?.Wins));
        Assert.Equal(ensemble.Members, storedRun.Ensemble!.Members);
        StoreDatabase.Close(path);

        // The documents keep their keys and words, as files written before the records were immutable have them.
        using var raw = new LiteDatabase(path);
        var document = raw.GetCollection(RunStore.NodesCollection).FindById("run-1/n003");
        Assert.Equal("ok", document["Status"].AsString);
        Assert.Equal(2, document["ParentIds"].AsArray.Count);
        Assert.Equal("stopped-early", raw.GetCollection(RunStore.ExecutionsCollection).FindById("run-1/n003/low")["Reason"].AsString);
    }

    [Fact]
    public void AReaderSeesCommittedWritesWhileAWriterHoldsTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("agentml.db");
        using var writer = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var store = new RunStore(writer);
        store.SaveRun(new RunRecord { Id = "run-a", TaskId = "t", BestScore = 0.5, CreatedAt = DateTime.UtcNow });
        store.SaveNode(new NodeRecord { Id = "n001", RunId = "run-a", Number = 1 });

        using (var reader = StoreDatabase.OpenReadOnly(path))
        {
            var view = new RunStore(reader);
            Assert.Equal(0.5, view.GetRun("run-a")?.BestScore);
            Assert.Single(view.GetNodes("run-a"));
        }

        store.SaveRun(new RunRecord { Id = "run-b", TaskId = "t", CreatedAt = DateTime.UtcNow });
        using (var reader = StoreDatabase.OpenReadOnly(path))
        {
            Assert.Equal(2, new RunStore(reader).ListRuns().Count);
        }
    }

    [Fact]
    public void OpeningAMissingFileReadOnlyIsAUserError()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<UserFacingException>(() => StoreDatabase.OpenReadOnly(dir.Combine("none.db")));
        Assert.Contains("none.db", ex.Message, StringComparison.Ordinal);
    }
}
