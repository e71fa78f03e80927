using AgentML.Search.Reports;

namespace AgentML.Search.Tests.Reports;

public sealed class ReportTests
{
    private static ReportModel Model()
    {
        var (run, nodes, executions) = SampleRun.Create();
        return ReportModel.From(run, nodes, executions);
    }

    [Fact]
    public void TheMappingCarriesStatusDurationMemoryMetricsAndLogTailButNotTheFinalRunIntoTheNode()
    {
        var model = Model();

        Assert.Equal(22, model.Nodes.Count);
        Assert.Equal(180, model.TimeBudgetSeconds);
        var best = model.Node(SampleRun.BestId)!;
        Assert.Equal(ReportStatus.Ok, best.Status);
        Assert.Equal(14, best.DurationSeconds);
        Assert.Equal((96L + 8) * 1024 * 1024, best.PeakMemoryBytes);
        Assert.Equal(5, best.ProgramMetrics.Count);
        Assert.Equal("ok (exit 0)", best.Outcome);
        Assert.EndsWith("wrote submission/submission.csv", best.LogTail, StringComparison.Ordinal);
        Assert.Equal(2, best.Executions.Count);
        var buggy = model.Node("n003")!;
        Assert.Equal(ReportStatus.Buggy, buggy.Status);
        Assert.Contains("could not convert", buggy.LogTail, StringComparison.Ordinal);
        Assert.Equal(["n006", "n001"], model.Node("n007")!.Parents);
        Assert.Empty(model.LlmRoles);
    }

    [Fact]
    public void LineDiffFindsInsertedAndRemovedLinesAndHunksSkipUnchangedRuns()
    {
        var old = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var changed = old.Replace("line 10", "line ten", StringComparison.Ordinal) + "\nline 21";

        var diff = LineDiff.Compare(old, changed);

        Assert.Equal(["-line 10", "+line ten", "+line 21"], diff.Where(d => d.Kind != DiffKind.Same).Select(d => (d.Kind == DiffKind.Added ? "+" : "-") + d.Text));
        Assert.Equal(19, diff.Count(d => d.Kind == DiffKind.Same));
        var hunks = LineDiff.Hunks(diff, context: 2);
        Assert.Null(hunks[0]);
        Assert.Equal(2, hunks.Count(h => h is null));
        Assert.Equal(new DiffLine(DiffKind.Same, "line 8"), hunks[1]);
        Assert.Equal(new DiffLine(DiffKind.Added, "line 21"), hunks[^1]);
        Assert.All(LineDiff.Compare("a\nb", "a\nb"), d => Assert.Equal(DiffKind.Same, d.Kind));
    }

    [Fact]
    public void TheTextTreeFoldsRepeatedIdenticalLeafSiblingsIntoOneLine()
    {
        var model = Model();

        var rows = TreeText.Rows(model);
        var text = TreeText.Render(model);

        Assert.Equal(22 - (SampleRun.Repeats - 1), rows.Count);
        var folded = Assert.Single(rows, r => r.Folded.Count > 0);
        Assert.Equal("n009", folded.Node.Id);
        Assert.Equal(SampleRun.Repeats - 1, folded.Folded.Count);
        Assert.Contains("… 11 more improves of n008 gave the same score (n010–n020)", text, StringComparison.Ordinal);
        Assert.Contains("n008 improve ok 0.000700557 14s ★best", text, StringComparison.Ordinal);
        Assert.Contains("n007 merge (+n001) ok", text, StringComparison.Ordinal);
        Assert.Contains("n003 draft buggy 6s — ValueError", text, StringComparison.Ordinal);
        Assert.DoesNotContain("n015", text, StringComparison.Ordinal);
        var depthOfBest = rows.Single(r => r.Node.Id == "n008").Prefix.Length;
        Assert.Equal(depthOfBest + 3, rows.Single(r => r.Node.Id == "n022").Prefix.Length);
    }

    [Fact]
    public void ProgressLinesPrintEachFinishedNodeOnceAndFoldRepeatsOfTheSameImprove()
    {
        var (run, nodes, executions) = SampleRun.Create();
        var lines = new ProgressLines();
        var printed = new List<string>();
        for (var count = 1; count <= nodes.Count; count++)
        {
            var visible = nodes.Take(count).ToList();
            printed.AddRange(lines.Update(ReportModel.From(run, visible, executions)));
        }

        Assert.Empty(lines.Update(ReportModel.From(run, nodes, [])));
        Assert.Equal(22 - (SampleRun.Repeats - 1) + 1, printed.Count);
        Assert.Equal("… 11 more improves of n008 gave the same score (n010–n020)", printed[printed.IndexOf("n009 improve of n008 ok 0.000700557 in 3 s") + 1]);
        Assert.Contains("n008 improve of n007 ok 0.000700557 in 14 s, new best", printed);
        Assert.Contains("n007 merge of n006+n001 ok 0.00118 in 18 s, new best", printed);
        Assert.Contains(printed, l => l.StartsWith("n022 improve of n008 buggy in 30 s: timeout", StringComparison.Ordinal));
        Assert.Null(lines.Flush());

        var verbose = new ProgressLines(fold: false);
        Assert.Equal(22, verbose.Update(ReportModel.From(run, nodes, [])).Count);
    }

    [Fact]
    public void TheScorePlotUsesALogScaleOnlyWhenScoresSpanDecades()
    {
        Assert.True(ScorePlot.UsesLogScale([0.0007, 0.0021, 0.0412]));
        Assert.False(ScorePlot.UsesLogScale([0.81, 0.84, 0.9]));
        Assert.False(ScorePlot.UsesLogScale([-1, 100]));
        Assert.Equal([0.001, 0.002, 0.005, 0.01, 0.02], ScorePlot.LogTicks(Math.Log10(0.0007), Math.Log10(0.04)));
        Assert.Equal([0.8, 0.85, 0.9], ScorePlot.LinearTicks(0.79, 0.91, 3).Select(t => Math.Round(t, 6)));

        var svg = ScorePlot.Svg(TreeLayout.ScoreOverTime(Model().Nodes, higherIsBetter: false), "log_loss", ensembleScore: 0.0006);
        Assert.Contains("log_loss (log scale)", svg, StringComparison.Ordinal);
        Assert.Contains("ensemble 0.0006", svg, StringComparison.Ordinal);
        Assert.Equal(19 + 4, CountOf(svg, "class=\"pt op-"));
    }

    [Fact]
    public void TheHtmlReportIsOneFileThatLoadsNothingAndCarriesEveryNode()
    {
        var html = ReportWriter.Html(Model());

        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(22, CountOf(html, "<g class=\"node "));
        Assert.Contains("data-id=\"n007\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"edge merge\"", html, StringComparison.Ordinal);
        Assert.Contains("\"codeDiffs\"", html, StringComparison.Ordinal);
        Assert.Contains(SampleRun.CodeMarker("n008").Replace("'", "\\u0027", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsembleMembersAndFoldScoresAreDrawnWhenTheModelHasThem()
    {
        var model = Model();
        var withEnsemble = model with
        {
            Ensemble = new ReportEnsemble([("n008", 0.6), ("n001", 0.4)], 0.00061, Chosen: true),
            Nodes = [.. model.Nodes.Select(n => n.Id switch
            {
                "n008" => n with { EnsembleWeight = 0.6, FoldScores = [0.0006, 0.0008] },
                "n001" => n with { EnsembleWeight = 0.4 },
                _ => n,
            })],
        };

        var html = ReportWriter.Html(withEnsemble);
        var text = TreeText.Render(withEnsemble);

        Assert.Equal(2, CountOf(html, "<circle class=\"weight\""));
        Assert.Contains("ensemble 0.00061", html, StringComparison.Ordinal);
        Assert.Contains("\"foldScores\":[0.0006,0.0008]", html, StringComparison.Ordinal);
        Assert.Contains("n008 improve ok 0.000700557 14s ★best ens×0.6", text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
