using AgentML.Core.Runs;
using AgentML.Agents.Roles;
using AgentML.Core.Profiling;
using AgentML.Search.Data;
using AgentML.Search.Engine;
using AgentML.Search.Policies;
using AgentML.Search.Tests.Fakes;
using AgentML.Store;
using AgentML.Store.Runs;
using AgentML.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentML.Search.Tests;

/// <summary>The run's clock at short budgets: per-program limits, the final re-run's reserve and what may still start.</summary>
public sealed class SearchBudgetTests
{
    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 36)]
    [InlineData(3, 54)]
    [InlineData(60, 1080)]
    public void The_program_limit_is_thirty_percent_of_the_budget_at_least_twenty_seconds(int minutes, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new SolveSettings { TimeBudget = TimeSpan.FromMinutes(minutes) }.EffectiveProgramTimeLimit);

    [Fact]
    public void A_final_rerun_is_reserved_only_while_the_best_node_has_no_prediction_of_the_test_set()
    {
        using var dir = new TempDirectory();
        var (_, state, db, budget) = Budget(dir, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(5), budget.FinalReserve);

        var best = AddNode(state, NodeOperator.Draft, [], durationSeconds: 20, score: 0.3);
        var scale = (double)state.Folds.SourceRows / state.Folds.TrainRows;
        var rerun = TimeSpan.FromSeconds((20 * scale * 1.3) + 5);
        Assert.Equal(rerun.TotalSeconds, budget.FinalReserve.TotalSeconds, 6);

        Directory.CreateDirectory(state.Paths.Node(best.Id));
        File.WriteAllText(state.Paths.NodeTestSubmission(best.Id), "id,y\n");
        Assert.Equal(TimeSpan.FromSeconds(5), budget.FinalReserve);
        StoreDatabase.Close(db);
    }

    [Fact]
    public void Measured_durations_decide_whether_a_candidate_still_fits()
    {
        using var dir = new TempDirectory();
        var (time, state, db, budget) = Budget(dir, TimeSpan.FromMinutes(2));
        Assert.Null(budget.ExpectedSeconds(new SearchAction(NodeOperator.Draft, [], 0)));

        var slow = AddNode(state, NodeOperator.Draft, [], durationSeconds: 30, score: 0.3);
        var timedOut = AddNode(state, NodeOperator.Draft, [], durationSeconds: 36, score: null, reason: ExecutionReason.Timeout);
        Assert.Equal(36, budget.ExpectedSeconds(new SearchAction(NodeOperator.Draft, [], 2)));
        Assert.Equal(30, budget.ExpectedSeconds(new SearchAction(NodeOperator.Improve, [slow.Id])));
        Assert.Equal(18, budget.ExpectedSeconds(new SearchAction(NodeOperator.Debug, [timedOut.Id])));
        Assert.Equal(36, budget.ExpectedSeconds(new SearchAction(NodeOperator.Merge, [slow.Id, timedOut.Id])));

        // 120 s budget, reserve for the 30 s best: the search ends about 55 s before the deadline.
        time.Advance(TimeSpan.FromSeconds(120) - budget.FinalReserve - TimeSpan.FromSeconds(25));
        Assert.True(budget.CanStart);
        Assert.True(budget.Fits(30));
        Assert.True(budget.Fits(null));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(budget.Fits(30));
        Assert.True(budget.Fits(10));
        time.Advance(TimeSpan.FromSeconds(12));
        Assert.False(budget.CanStart);
        StoreDatabase.Close(db);
    }

    [Fact]
    public void A_run_without_a_working_node_starts_a_candidate_with_less_time_than_a_later_one_needs()
    {
        using var dir = new TempDirectory();
        var (time, state, db, budget) = Budget(dir, TimeSpan.FromSeconds(20));

        // 20 s budget, 5 s reserve: 14 s of search left is less than the 15 s a candidate needs once one works.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.CanStart);
        AddNode(state, NodeOperator.Draft, [], durationSeconds: 3, score: 0.3);
        Assert.False(budget.CanStart);
        StoreDatabase.Close(db);
    }

    /// <summary>A fake clock, a run state over a fake task and the budget of <paramref name="available"/> from now.</summary>
    private static (FakeTimeProvider Time, RunState State, string Db, SearchBudget Budget) Budget(TempDirectory dir, TimeSpan available)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (state, db) = State(dir, time, available);
        return (time, state, db, new SearchBudget(state, time, available));
    }

    private static (RunState State, string Db) State(TempDirectory dir, TimeProvider time, TimeSpan budget)
    {
        var taskFolder = FakeTask.Create(dir.Combine("task"));
        var task = SolveService.LoadTask(taskFolder, null);
        var settings = new SolveSettings { TimeBudget = budget, Seed = 1 };
        var paths = new RunPaths(dir.Combine("run"));
        var split = new FoldPlanner().Create(task, settings, lowFidelity: false, paths.Dev);
        var db = dir.Combine("agentml.db");
        var store = RunStore.Open(db);
        var run = new RunRecord { Id = "r1", TaskId = task.Id, Metric = task.Metric, SettingsJson = settings.ToJson(), OutputDirectory = paths.Root };
        store.SaveRun(run);
        var context = new TaskContext { Task = task, Profile = new DataProfiler().Profile(task), ProgramTimeLimit = settings.EffectiveProgramTimeLimit, HigherIsBetter = false };
        return (new RunState(run, task, context, split, settings, paths, store, time), db);
    }

    private static NodeRecord AddNode(RunState state, NodeOperator op, IReadOnlyList<string> parents, double durationSeconds, double? score, ExecutionReason reason = ExecutionReason.Ok)
    {
        var node = state.NewNode(new SearchAction(op, parents, op == NodeOperator.Draft ? state.Nodes.Count : null));
        node = state.Update(node.Id, n => n with { Status = score is null ? NodeStatus.Buggy : NodeStatus.Ok, Score = score });
        state.Record(new ExecutionRecord { RunId = state.Run.Id, NodeId = node.Id, Fidelity = Fidelity.Full, DurationSeconds = durationSeconds, Reason = reason, Score = score });
        return node;
    }
}
