using AgentML.Core.Runs;
using AgentML.Search.Scoring;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>Ranking-fidelity figures of a run: Spearman of low against full scores, and of the programs' own CV means against full scores.</summary>
public static class RunStatistics
{
    /// <summary><paramref name="run"/> with the figures of <paramref name="nodes"/> and <paramref name="executions"/>.</summary>
    public static RunRecord Update(RunRecord run, IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ExecutionRecord> executions)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(nodes);
        var fidelity = nodes.Where(n => n.LowScore is not null && n.Score is not null).ToList();
        var early = executions.Where(e => e.Fidelity == Fidelity.Full && e.Score is not null && e.EarlyMetrics.Count > 0)
            .Select(e => (Early: EarlyMean(e), Full: e.Score!.Value)).Where(p => p.Early is not null).ToList();
        return run with
        {
            SpearmanFidelityPairs = fidelity.Count,
            SpearmanFidelity = Spearman.Correlation(fidelity.Select(n => n.LowScore!.Value).ToList(), fidelity.Select(n => n.Score!.Value).ToList()),
            SpearmanEarlyMetricPairs = early.Count,
            SpearmanEarlyMetric = Spearman.Correlation(early.Select(p => p.Early!.Value).ToList(), early.Select(p => p.Full).ToList()),
        };
    }

    /// <summary>Mean of the most frequent metric name's values (the program's CV estimate).</summary>
    public static double? EarlyMean(ExecutionRecord execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var group = execution.EarlyMetrics.GroupBy(m => m.Name).OrderByDescending(g => g.Count()).FirstOrDefault();
        return group?.Average(m => m.Value);
    }
}
