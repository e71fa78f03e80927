using AgentML.Core.Runs;
using AgentML.Cli.Commands;
using AgentML.Search.Engine;
using AgentML.Store;
using AgentML.Store.Runs;
using AgentML.Testing;

namespace AgentML.Cli.Tests;

/// <summary>The plain (log) output of a solve, fed from a real store as the search fills it.</summary>
public sealed class SolveConsoleTests
{
    [Fact]
    public void PlainOutputPrintsOneLinePerNodeFoldsRepeatedImprovesAndAnnouncesPhases()
    {
        using var dir = new TempDirectory("agentml-console");
        var db = dir.Combine("agentml.db");
        var store = RunStore.Open(db);
        var run = new RunRecord { Id = "r1", TaskId = "t", Metric = "log_loss", HigherIsBetter = false, SettingsJson = "{}" };
        store.SaveRun(run);
        var output = new StringWriter();
        var printer = new SolveConsole.PlainPrinter(store, output, fold: true);
        var number = 0;
        void Finish(NodeOperator op, string? parent, NodeStatus status, double? score, string? error = null)
        {
            number++;
            var id = $"n{number:000}";
            store.SaveNode(new NodeRecord
            {
                Id = id, RunId = run.Id, Number = number, Operator = op, ParentIds = parent is null ? [] : [parent],
                Status = status, Score = score, Error = error, FinishedAtRunSeconds = number,
            });
            store.SaveExecution(new ExecutionRecord { RunId = run.Id, NodeId = id, Fidelity = Fidelity.Full, DurationSeconds = 4, Reason = ExecutionReason.Ok });
            printer.Report(Progress(id, "searching"));
        }

        printer.Report(Progress(null, "searching"));
        Finish(NodeOperator.Draft, null, NodeStatus.Ok, 0.04);
        Finish(NodeOperator.Improve, "n001", NodeStatus.Ok, 0.0007);
        for (var i = 0; i < 12; i++)
        {
            Finish(NodeOperator.Improve, "n002", NodeStatus.Ok, 0.0007);
        }

        Finish(NodeOperator.Debug, "n002", NodeStatus.Buggy, null, "SyntaxError: invalid syntax");
        printer.Report(Progress("n015", "final"));
        printer.Report(Progress("n015", "done"));
        StoreDatabase.Close(db);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(
        [
            "searching",
            "n001 draft ok 0.04 in 4 s, new best",
            "n002 improve of n001 ok 0.0007 in 4 s, new best",
            "n003 improve of n002 ok 0.0007 in 4 s",
            "  … 11 more improves of n002 gave the same score (n004–n014)",
            "n015 debug of n002 buggy in 4 s: SyntaxError: invalid syntax",
            "search over (best node n002); choosing the submission",
            "done",
        ], lines);
        Assert.StartsWith("[1:30 left] ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void QuietAndVerboseFlagsChooseTheOutput()
    {
        Assert.Equal(SolveOutput.Quiet, SolveConsole.OutputOf(quiet: true, verbose: true));
        Assert.Equal(SolveOutput.Verbose, SolveConsole.OutputOf(quiet: false, verbose: true));
        Assert.Equal(SolveOutput.Normal, SolveConsole.OutputOf(quiet: false, verbose: false));
    }

    private static SolveProgress Progress(string? lastId, string phase) => new()
    {
        RunId = "r1",
        Phase = phase,
        TimeLeft = TimeSpan.FromSeconds(90),
        BestNodeId = lastId is null ? null : "n002",
        LastEvent = lastId is null ? null : lastId + " finished",
    };
}
