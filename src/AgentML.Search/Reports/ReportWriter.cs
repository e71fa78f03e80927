using AgentML.Core.Runs;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>
/// report.md and report.html. The HTML is one self-contained file (inline SVG, CSS, data and script; nothing is
/// fetched when it opens): the tree drawn as a tree, a node's details on click, score over time, early scoring and
/// LLM use per role.
/// </summary>
public static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Markdown(RunRecord run, IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ExecutionRecord> executions) =>
        Markdown(ReportModel.From(run, nodes, executions));

    public static string Html(RunRecord run, IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ExecutionRecord> executions) =>
        Html(ReportModel.From(run, nodes, executions));

    public static string Markdown(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append(Inv, $"# AgentML run {model.RunId}\n\n");
        foreach (var (key, value) in Facts(model))
        {
            sb.Append(Inv, $"- **{key}**: {value}\n");
        }

        sb.Append("\n## Early-metric scoring\n\n");
        foreach (var (key, value) in EarlyFacts(model.Early))
        {
            sb.Append(Inv, $"- {key}: {value}\n");
        }

        if (model.LlmRoles.Count > 0)
        {
            sb.Append("\n## LLM use per role\n\n| role | model | nodes | input tokens | output tokens | cost (USD) |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var r in model.LlmRoles)
            {
                sb.Append(Inv, $"| {r.Role} | {r.Models} | {r.Nodes} | {r.InputTokens} | {r.OutputTokens} | {r.Cost:F4} |\n");
            }
        }

        sb.Append("\n## Score over time\n\n| time (s) | node | score | best so far |\n|---:|---|---:|---:|\n");
        foreach (var p in TreeLayout.ScoreOverTime(model.Nodes, model.HigherIsBetter))
        {
            sb.Append(Inv, $"| {p.Seconds:F0} | {p.NodeId} | {p.Score:G6} | {p.BestSoFar:G6} |\n");
        }

        sb.Append("\n## Tree\n\n```\n").Append(TreeText.Render(model)).Append("```\n");
        sb.Append("\n## Settings\n\n```json\n").Append(Pretty(model.SettingsJson)).Append("\n```\n\n");
        sb.Append("## Development split\n\n```json\n").Append(Pretty(model.SplitJson)).Append("\n```\n");
        return sb.ToString();
    }

    public static string Html(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var counts = model.Nodes.GroupBy(n => n.Status).ToDictionary(g => g.Key, g => g.Count());
        int Count(ReportStatus s) => counts.TryGetValue(s, out var c) ? c : 0;
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
          .Append("<title>AgentML run ").Append(H(model.RunId)).Append("</title><style>").Append(ReportAssets.Css).Append("</style></head><body>");
        sb.Append("<header><h1>AgentML run <code>").Append(H(model.RunId)).Append("</code></h1><p class=\"sub\">")
          .Append(H($"{model.TaskName} ({model.TaskId}) · {model.Metric}, {(model.HigherIsBetter ? "higher" : "lower")} is better · "))
          .Append(Inv, $"<span class=\"run-{H(model.Status)}\">{H(model.Status)}</span>")
          .Append(model.Message is null ? "" : " — " + H(model.Message)).Append("</p><div class=\"cards\">");
        Card(sb, "best (development)", model.BestScore is { } b ? Score(b) : "—", model.BestNodeId is null ? "" : $"node {model.BestNodeId}");
        if (model.Ensemble is { } ens)
        {
            Card(sb, "ensemble", ens.Score is { } es ? Score(es) : "—", $"{ens.Members.Count} members{(ens.Chosen ? ", submitted" : "")}");
        }

        Card(sb, "test score", model.TestScore is { } t ? Score(t) : "—", model.TestScore is null ? "no private answers" : "task's private answers");
        Card(sb, "nodes", model.Nodes.Count.ToString(Inv), $"{Count(ReportStatus.Ok)} ok · {Count(ReportStatus.Buggy)} buggy · {Count(ReportStatus.Pruned)} pruned");
        Card(sb, "time", Clock(model.ElapsedSeconds), (model.TimeBudgetSeconds is { } tb ? $"of {Clock(tb)} · " : "") + $"{model.Sessions} session(s)");
        if (model.LlmCost > 0)
        {
            Card(sb, "LLM cost", $"${model.LlmCost:F4}", "");
        }

        sb.Append("</div>");
        if (model.SubmissionPath is not null)
        {
            sb.Append("<p class=\"sub\">submission from ").Append(H(model.FinalNodeId ?? "the ensemble")).Append(": <code>").Append(H(model.SubmissionPath)).Append("</code></p>");
        }

        sb.Append("</header><section><h2>Search tree</h2><p class=\"legend\">")
          .Append("<span class=\"chip ok\">ok (darker = better)</span><span class=\"chip buggy\">buggy</span><span class=\"chip pruned\">pruned</span>")
          .Append("<span class=\"chip running\">running</span><span class=\"chip best\">best</span> ★ submitted · dashed edge: merge's second parent")
          .Append(model.Ensemble is null ? "" : " · <span class=\"dot\"></span> ensemble member (size = weight)")
          .Append(" · click a node</p><div class=\"tree-layout\"><div class=\"tree-wrap\">")
          .Append(TreeSvg.Render(model)).Append("</div><aside id=\"details\"><p class=\"hint\">Click a node to see its plan, code, metrics and log.</p></aside></div></section>");

        sb.Append("<section><h2>Score over time</h2>")
          .Append(ScorePlot.Svg(TreeLayout.ScoreOverTime(model.Nodes, model.HigherIsBetter), model.Metric, model.Ensemble?.Score))
          .Append("</section>");

        sb.Append("<section><h2>Early-metric scoring</h2><table class=\"facts\">");
        foreach (var (key, value) in EarlyFacts(model.Early))
        {
            sb.Append("<tr><th>").Append(H(key)).Append("</th><td>").Append(H(value)).Append("</td></tr>");
        }

        sb.Append("</table></section>");
        if (model.LlmRoles.Count > 0)
        {
            sb.Append("<section><h2>LLM use per role</h2><table class=\"grid\"><tr><th>role</th><th>model</th><th>nodes</th><th>calls</th><th>input tokens</th><th>output tokens</th><th>cost (USD)</th></tr>");
            foreach (var r in model.LlmRoles)
            {
                sb.Append(Inv, $"<tr><td>{H(r.Role)}</td><td>{H(r.Models)}</td><td class=\"num\">{r.Nodes}</td><td class=\"num\">{(r.Calls is { } c ? c.ToString(Inv) : "—")}</td>")
                  .Append(Inv, $"<td class=\"num\">{r.InputTokens}</td><td class=\"num\">{r.OutputTokens}</td><td class=\"num\">{r.Cost:F4}</td></tr>");
            }

            sb.Append("</table></section>");
        }

        sb.Append(Inv, $"<section><details open><summary><h2>All nodes ({model.Nodes.Count})</h2></summary><table class=\"grid nodes\"><tr><th>node</th><th>operator</th><th>parents</th><th>status</th><th>score</th><th>time</th><th>plan</th></tr>");
        foreach (var (node, _) in TreeLayout.DepthFirst(model.Nodes))
        {
            var status = node.Status.ToString().ToLowerInvariant();
            sb.Append(Inv, $"<tr data-id=\"{H(node.Id)}\"><td>{H(node.Id)}</td><td>{H(node.Operator)}</td><td>{H(string.Join(" ", node.Parents))}</td>")
              .Append(Inv, $"<td class=\"{status}\">{status}</td><td class=\"num\">{(node.Score is { } s ? Score(s) : "—")}</td>")
              .Append(Inv, $"<td class=\"num\">{(node.DurationSeconds is { } d ? d.ToString("F0", Inv) + " s" : "")}</td><td>{H(TreeLayout.Summary(node.Plan, 100))}</td></tr>");
        }

        sb.Append("</table></details></section>");
        sb.Append("<section><details><summary><h2>Settings</h2></summary><pre>").Append(H(Pretty(model.SettingsJson))).Append("</pre></details>")
          .Append("<details><summary><h2>Development split</h2></summary><pre>").Append(H(Pretty(model.SplitJson))).Append("</pre></details></section>");
        sb.Append("<script type=\"application/json\" id=\"report-data\">").Append(Data(model)).Append("</script>")
          .Append("<script>").Append(ReportAssets.Script).Append("</script></body></html>\n");
        return sb.ToString();
    }

    /// <summary>The data the page's script shows on click (System.Text.Json escapes &lt; so no "&lt;/script&gt;" can end it).</summary>
    private static string Data(ReportModel model)
    {
        var byId = model.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var nodes = model.Nodes.Select(n =>
        {
            var parents = n.Parents.Where(byId.ContainsKey).Select(p => byId[p]).ToList();
            return new
            {
                n.Id,
                Op = n.Operator,
                n.Parents,
                Status = n.Status.ToString().ToLowerInvariant(),
                n.Score,
                n.LowScore,
                n.CheckScore,
                n.FoldScores,
                n.Leaky,
                Weight = n.EnsembleWeight,
                n.Error,
                n.Plan,
                PlanDiff = parents.Count == 0 ? null : Encode(LineDiff.Compare(parents[0].Plan, n.Plan)),
                n.Code,
                CodeDiffs = parents.Select(p => new { Parent = p.Id, Lines = Encode(LineDiff.Hunks(LineDiff.Compare(p.Code, n.Code))) }),
                n.Agent,
                n.Model,
                TokensIn = n.InputTokens,
                TokensOut = n.OutputTokens,
                n.Cost,
                Duration = n.DurationSeconds,
                Memory = n.PeakMemoryBytes,
                n.Outcome,
                Finished = n.FinishedAtRunSeconds,
                Metrics = n.ProgramMetrics.Select(m => new object[] { m.Name, m.Step, m.Value }),
                Runs = n.Executions.Select(e => new { e.Fidelity, e.TrainFraction, e.Reason, e.DurationSeconds, e.Score }),
                Log = n.LogTail,
                n.Notes,
            };
        });
        return JsonSerializer.Serialize(new { model.Metric, model.HigherIsBetter, model.BestNodeId, model.FinalNodeId, Nodes = nodes }, Json);
    }

    /// <summary>Diff lines as "+text", "-text", " text"; null for skipped unchanged lines.</summary>
    private static IEnumerable<string?> Encode(IEnumerable<DiffLine?> lines) =>
        lines.Select(l => l is { } d ? (d.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + d.Text : null);

    private static IEnumerable<string?> Encode(IEnumerable<DiffLine> lines) => Encode(lines.Select(l => (DiffLine?)l));

    private static void Card(StringBuilder sb, string title, string value, string note) =>
        sb.Append("<div class=\"card\"><div class=\"k\">").Append(H(title)).Append("</div><div class=\"v\">").Append(H(value))
          .Append("</div><div class=\"n\">").Append(H(note)).Append("</div></div>");

    private static IEnumerable<(string, string)> Facts(ReportModel model)
    {
        yield return ("task", $"{model.TaskName} ({model.TaskId}) — {model.TaskFolder}");
        yield return ("metric", $"{model.Metric} ({(model.HigherIsBetter ? "higher" : "lower")} is better)");
        yield return ("status", model.Status + (model.Message is null ? "" : " — " + model.Message));
        yield return ("best node", model.BestNodeId is null ? "none" : $"{model.BestNodeId}, development score {Score(model.BestScore)}");
        if (model.Ensemble is { } e)
        {
            yield return ("ensemble", $"{string.Join(", ", e.Members.Select(m => $"{m.NodeId} × {m.Weight:G3}"))}: {Score(e.Score)}{(e.Chosen ? " (submitted)" : "")}");
        }

        yield return ("submission", model.SubmissionPath is null ? "none" : $"from {model.FinalNodeId ?? "the ensemble"}: {model.SubmissionPath}");
        if (model.TestScore is not null)
        {
            yield return ("test score (task's private answers)", Score(model.TestScore));
        }

        yield return ("nodes", $"{model.Nodes.Count} ({model.Early.FullFidelityRuns} full runs, {model.Early.LowFidelityRuns} low-fidelity runs)");
        yield return ("where the nodes came from", SearchMix(model));
        yield return ("time", $"{model.ElapsedSeconds:F0} s over {model.Sessions} session(s)");
        if (model.LlmCost > 0)
        {
            yield return ("LLM cost", $"${model.LlmCost:F4}");
        }
    }

    /// <summary>How many nodes were new recipes, refinements, portfolio members, merges and fixes, and how many are in the ensemble.</summary>
    internal static string SearchMix(ReportModel model)
    {
        var counts = model.Nodes.GroupBy(n => n.Origin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var parts = NodeOrigin.All.Where(counts.ContainsKey).Select(o => $"{counts[o]} {o}{(counts[o] == 1 || o == NodeOrigin.Portfolio ? "" : o == NodeOrigin.Fix ? "es" : "s")}");
        var members = model.Nodes.Count(n => n.EnsembleWeight is not null);
        return string.Join(", ", parts) + (members > 0 ? $"; {members} in the ensemble" : "");
    }

    private static IEnumerable<(string, string)> EarlyFacts(ReportEarlyScoring e)
    {
        yield return ("compute spent (sandbox seconds)", e.ComputeSpentSeconds.ToString("F1", Inv));
        yield return ("compute saved (estimated sandbox seconds)", e.ComputeSavedSeconds.ToString("F1", Inv)
            + (e.ComputeSpentSeconds > 0 ? $" ({100 * e.ComputeSavedSeconds / (e.ComputeSpentSeconds + e.ComputeSavedSeconds):F0} % of what full runs would have cost)" : ""));
        yield return ("low-fidelity runs", e.LowFidelityRuns.ToString(Inv));
        yield return ("not promoted after low fidelity", e.NotPromoted.ToString(Inv));
        yield return ("full runs stopped from their metric lines", e.StoppedEarly.ToString(Inv));
        yield return ("Spearman, low vs full score", e.SpearmanFidelity is { } s ? $"{s:F3} ({e.SpearmanFidelityPairs} nodes)" : $"n/a ({e.SpearmanFidelityPairs} nodes with both)");
        yield return ("Spearman, program's CV mean vs orchestrator's score", e.SpearmanEarlyMetric is { } m ? $"{m:F3} ({e.SpearmanEarlyMetricPairs} nodes)" : $"n/a ({e.SpearmanEarlyMetricPairs} nodes)");
    }

    private static string Score(double? score) => score is { } s ? s.ToString("G6", Inv) : "—";

    private static string Clock(double seconds) => $"{(int)(seconds / 60)}:{(int)(seconds % 60):00}";

    private static string H(string text) => WebUtility.HtmlEncode(text);

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
