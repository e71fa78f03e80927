using AgentML.Core.Runs;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>report.md and report.html: settings, outcome, early-scoring savings, score over time and the tree.</summary>
public static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(RunRecord run, IReadOnlyList<NodeRecord> nodes)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(Inv, $"# AgentML run {run.Id}\n\n");
        foreach (var (key, value) in Facts(run))
        {
            sb.Append(Inv, $"- **{key}**: {value}\n");
        }

        sb.Append("\n## Settings\n\n```json\n").Append(Pretty(run.SettingsJson)).Append("\n```\n\n");
        sb.Append("## Development split\n\n```json\n").Append(Pretty(run.SplitJson)).Append("\n```\n\n");
        sb.Append("## Early-metric scoring\n\n");
        foreach (var (key, value) in EarlyFacts(run))
        {
            sb.Append(Inv, $"- {key}: {value}\n");
        }

        sb.Append("\n## Score over time\n\n| time (s) | node | score | best so far |\n|---:|---|---:|---:|\n");
        foreach (var p in TreeLayout.ScoreOverTime(nodes, run.HigherIsBetter))
        {
            sb.Append(Inv, $"| {p.Seconds:F0} | {p.NodeId} | {p.Score:G6} | {p.BestSoFar:G6} |\n");
        }

        sb.Append("\n## Tree\n\n| node | operator | parents | status | score | plan |\n|---|---|---|---|---:|---|\n");
        foreach (var (node, depth) in TreeLayout.DepthFirst(nodes))
        {
            var indent = string.Concat(Enumerable.Repeat("&nbsp;&nbsp;", depth));
            var what = node.Status == NodeStatus.Ok ? "" : node.Error is null ? "" : $" — _{Escape(node.Error, 120)}_";
            sb.Append(Inv, $"| {indent}{node.Id} | {node.Operator} | {string.Join(" ", node.ParentIds)} | {node.Status} | {Score(node.Score)} | {Escape(TreeLayout.Summary(node.Plan), 200)}{what} |\n");
        }

        return sb.ToString();
    }

    public static string Html(RunRecord run, IReadOnlyList<NodeRecord> nodes)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>AgentML run ").Append(H(run.Id)).Append("</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;vertical-align:top}")
          .Append(".ok{color:#176317}.buggy{color:#a11}.pruned{color:#777}pre{background:#f6f6f6;padding:8px;overflow:auto}")
          .Append("</style></head><body>");
        sb.Append("<h1>AgentML run ").Append(H(run.Id)).Append("</h1><ul>");
        foreach (var (key, value) in Facts(run))
        {
            sb.Append("<li><b>").Append(H(key)).Append("</b>: ").Append(H(value)).Append("</li>");
        }

        sb.Append("</ul><h2>Score over time</h2>").Append(ScorePlot.Svg(TreeLayout.ScoreOverTime(nodes, run.HigherIsBetter), run.Metric));
        sb.Append("<h2>Early-metric scoring</h2><ul>");
        foreach (var (key, value) in EarlyFacts(run))
        {
            sb.Append("<li>").Append(H(key)).Append(": ").Append(H(value)).Append("</li>");
        }

        sb.Append("</ul><h2>Tree</h2><table><tr><th>node</th><th>operator</th><th>parents</th><th>status</th><th>score</th><th>plan</th></tr>");
        foreach (var (node, depth) in TreeLayout.DepthFirst(nodes))
        {
            sb.Append(Inv, $"<tr><td style=\"padding-left:{6 + (depth * 18)}px\">{H(node.Id)}</td><td>{H(node.Operator.ToText())}</td><td>{H(string.Join(" ", node.ParentIds))}</td>")
              .Append(Inv, $"<td class=\"{H(node.Status.ToText())}\">{H(node.Status.ToText())}</td><td>{Score(node.Score)}</td><td>{H(node.Plan)}")
              .Append(node.Error is null ? "" : $"<br><i>{H(node.Error)}</i>").Append("</td></tr>");
        }

        sb.Append("</table><h2>Settings</h2><pre>").Append(H(Pretty(run.SettingsJson))).Append("</pre>");
        sb.Append("<h2>Development split</h2><pre>").Append(H(Pretty(run.SplitJson))).Append("</pre></body></html>\n");
        return sb.ToString();
    }

    private static IEnumerable<(string, string)> Facts(RunRecord run)
    {
        yield return ("task", $"{run.TaskName} ({run.TaskId}) — {run.TaskFolder}");
        yield return ("metric", $"{run.Metric} ({(run.HigherIsBetter ? "higher" : "lower")} is better)");
        yield return ("status", run.Status + (run.Message is null ? "" : " — " + run.Message));
        yield return ("best node", run.BestNodeId is null ? "none" : $"{run.BestNodeId}, development score {Score(run.BestScore)}");
        yield return ("submission", run.SubmissionPath is null ? "none" : $"from {run.FinalNodeId}: {run.SubmissionPath}");
        if (run.TestScore is not null)
        {
            yield return ("test score (task's private answers)", Score(run.TestScore));
        }

        yield return ("nodes", run.FullFidelityRuns + run.LowFidelityRuns == 0 ? "0" : $"{run.FullFidelityRuns} full runs, {run.LowFidelityRuns} low-fidelity runs");
        yield return ("time", $"{run.ElapsedSeconds:F0} s over {run.Sessions} session(s)");
        if (run.LlmCost > 0)
        {
            yield return ("LLM cost", $"${run.LlmCost:F4}");
        }
    }

    private static IEnumerable<(string, string)> EarlyFacts(RunRecord run)
    {
        yield return ("compute spent (sandbox seconds)", run.ComputeSpentSeconds.ToString("F1", Inv));
        yield return ("compute saved (estimated sandbox seconds)", run.ComputeSavedSeconds.ToString("F1", Inv)
            + (run.ComputeSpentSeconds > 0 ? $" ({100 * run.ComputeSavedSeconds / (run.ComputeSpentSeconds + run.ComputeSavedSeconds):F0} % of what full runs would have cost)" : ""));
        yield return ("low-fidelity runs", run.LowFidelityRuns.ToString(Inv));
        yield return ("not promoted after low fidelity", run.NotPromoted.ToString(Inv));
        yield return ("full runs stopped from their metric lines", run.StoppedEarly.ToString(Inv));
        yield return ("Spearman, low vs full score", run.SpearmanFidelity is { } s ? $"{s:F3} ({run.SpearmanFidelityPairs} nodes)" : $"n/a ({run.SpearmanFidelityPairs} nodes with both)");
        yield return ("Spearman, program's CV mean vs orchestrator's score", run.SpearmanEarlyMetric is { } e ? $"{e:F3} ({run.SpearmanEarlyMetricPairs} nodes)" : $"n/a ({run.SpearmanEarlyMetricPairs} nodes)");
    }

    private static string Score(double? score) => score is { } s ? s.ToString("G6", Inv) : "—";

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Escape(string text, int max)
    {
        var flat = text.Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal);
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }

    private static string Pretty(string json)
    {
        try
        {
            return JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
