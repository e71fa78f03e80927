using System.Text.Json;
using System.Text.Json.Serialization;
using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>tree.json: the run and every node with its executions.</summary>
public static class TreeJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Render(RunRecord run, IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ExecutionRecord> executions)
    {
        ArgumentNullException.ThrowIfNull(run);
        var byNode = executions.ToLookup(e => e.NodeId);
        var document = new
        {
            run = new
            {
                run.Id, run.TaskId, run.TaskName, run.Metric, run.HigherIsBetter, Status = run.Status.ToText(), run.CreatedAt, run.FinishedAt,
                run.ElapsedSeconds, run.BestNodeId, run.BestScore, run.FinalNodeId, run.TestScore,
                Settings = JsonDocument.Parse(run.SettingsJson).RootElement,
                Split = JsonDocument.Parse(run.SplitJson).RootElement,
                run.ComputeSpentSeconds, run.ComputeSavedSeconds, run.LowFidelityRuns, run.FullFidelityRuns, run.NotPromoted,
                run.StoppedEarly, run.SpearmanFidelity, run.SpearmanFidelityPairs, run.SpearmanEarlyMetric, run.SpearmanEarlyMetricPairs,
                run.Message,
                Ensemble = run.Ensemble is { } e
                    ? new
                    {
                        Members = e.Members.Select(m => new { m.NodeId, m.Weight }), e.Score, e.CheckScore, e.BestNodeId,
                        e.BestNodeScore, e.Wins, e.Candidates, e.Start, e.Rounds,
                    }
                    : null,
                run.Repeats,
            },
            nodes = nodes.Select(n => new
            {
                n.Id, Parents = n.ParentIds, Operator = n.Operator.ToText(), Origin = NodeOrigin.Of(n), Status = n.Status.ToText(), n.Score, n.FoldScores, n.Coverage, n.CheckScore,
                n.Leaky, n.SameAs, n.LowScore, n.Plan, n.Recipe, n.Error,
                n.Agent, n.Model, n.InputTokens, n.OutputTokens, n.Cost, n.CreatedAt, n.FinishedAt, n.FinishedAtRunSeconds,
                Executions = byNode[n.Id].Select(e => new
                {
                    Fidelity = e.Fidelity.ToText(), e.TrainFraction, Reason = e.Reason.ToText(), e.ExitCode, e.DurationSeconds, e.PeakMemoryBytes, e.Score, e.Error,
                    EarlyMetrics = e.EarlyMetrics.Select(m => new { m.Name, m.Step, m.Value }),
                }),
            }),
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
