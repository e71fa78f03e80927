using System.Globalization;
using System.Text;

namespace AgentML.Bench.Reporting;

/// <summary>Renders a <see cref="BenchReport"/> as one self-contained HTML page (report.html) with inline SVG charts.</summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append(Inv, $"<title>Bench {E(report.BenchId)}</title>");
        sb.Append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px}th{background:#f4f4f4}td.n{text-align:right}"
            + ".ok{color:#1a7f37}.bad{color:#cf222e}.warn{color:#9a6700}.muted{color:#666}h2{margin-top:28px}</style></head><body>");
        sb.Append(Inv, $"<h1>Bench {E(report.BenchId)}</h1>");
        sb.Append(Inv, $"<p>Agent: <b>{E(report.Agent)}</b> · seeds {E(string.Join(", ", report.Seeds))} · time limit {(report.TimeLimitSeconds is { } t ? Format.Seconds(t) : "–")}<br>");
        sb.Append(Inv, $"<span class=\"muted\">created {report.CreatedAt:u} · generated {report.GeneratedAt:u}</span>");
        if (!report.Complete)
        {
            sb.Append("<br><span class=\"warn\">The bench is not finished: missing runs count as no submission.</span>");
        }

        sb.Append("</p>");
        foreach (var note in report.Notes)
        {
            sb.Append(Inv, $"<p class=\"warn\">{E(note)}</p>");
        }

        sb.Append("<h2>Leaderboard figures</h2><p class=\"muted\">Percent of the split's competitions, mean ± standard error over seeds.</p>");
        foreach (var split in report.Splits)
        {
            sb.Append(Inv, $"<h3>{E(split.Name)} ({split.Competitions.Count} competitions)</h3>");
            var bars = BenchReportBuilder.Flags.Select(f => (f.Short, split.Percentages[f.Key])).ToArray();
            sb.Append(SvgCharts.PercentBars(bars, "#2da44e"));
        }

        sb.Append("<table><tr><th>split</th><th>competitions</th>");
        foreach (var f in BenchReportBuilder.Flags)
        {
            sb.Append(Inv, $"<th>{E(f.Label)} %</th>");
        }

        sb.Append("</tr>");
        foreach (var split in report.Splits)
        {
            sb.Append(Inv, $"<tr><td>{E(split.Name)}</td><td class=\"n\">{split.Competitions.Count}</td>");
            foreach (var f in BenchReportBuilder.Flags)
            {
                sb.Append(Inv, $"<td class=\"n\">{Format.Pct(split.Percentages[f.Key])}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table>");
        var b = report.Batch;
        sb.Append("<h2>Batch totals (MLE-bench)</h2><table><tr><th>runs</th><th>with submission</th><th>valid</th><th>medals</th><th>gold</th><th>silver</th><th>bronze</th><th>above median</th></tr>");
        sb.Append(Inv, $"<tr><td class=\"n\">{b.TotalRuns}</td><td class=\"n\">{b.TotalRunsWithSubmissions}</td><td class=\"n\">{b.TotalValidSubmissions}</td><td class=\"n\">{b.TotalMedals}</td><td class=\"n\">{b.TotalGoldMedals}</td><td class=\"n\">{b.TotalSilverMedals}</td><td class=\"n\">{b.TotalBronzeMedals}</td><td class=\"n\">{b.TotalAboveMedian}</td></tr></table>");
        AppendCompetitions(sb, report);
        AppendRuns(sb, report);
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void AppendCompetitions(StringBuilder sb, BenchReport report)
    {
        sb.Append("<h2>Competitions</h2><p class=\"muted\">Scores and thresholds: <span style=\"color:#1f6feb\">●</span> each seed's score; lines at the "
            + "<span style=\"color:#d4a017\">gold</span>, <span style=\"color:#8c959f\">silver</span>, <span style=\"color:#a0522d\">bronze</span> and "
            + "<span style=\"color:#cf222e\">median</span> thresholds of the leaderboard (none without one); better is to the right.</p><table><tr><th>competition</th><th>metric</th><th>score (mean ± se)</th><th>spread over seeds (worst – best)</th><th>valid</th><th>medals</th><th>above median</th><th>scores and thresholds</th><th>run reports</th></tr>");
        foreach (var c in report.Competitions)
        {
            var scores = report.Runs.Where(r => r.CompetitionId == c.CompetitionId && r.Report?.Score is not null).Select(r => r.Report!.Score!.Value).ToArray();
            var strip = SvgCharts.ScoreStrip(
                scores,
                [("gold", c.GoldThreshold, "#d4a017"), ("silver", c.SilverThreshold, "#8c959f"), ("bronze", c.BronzeThreshold, "#a0522d"), ("median", c.MedianThreshold, "#cf222e")],
                c.IsLowerBetter ?? false);
            var direction = c.IsLowerBetter switch { true => " (lower is better)", false => " (higher is better)", null => "" };
            var links = string.Join(" ", report.Runs.Where(r => r.CompetitionId == c.CompetitionId && r.RunReport is not null)
                .Select(r => $"<a href=\"{E(r.RunReport!)}\">seed {r.Seed}</a>"));
            sb.Append(Inv, $"<tr><td>{E(c.CompetitionId)}</td><td>{E(c.Metric ?? "")}{direction}</td><td class=\"n\">{Format.Score(c.Score)}</td><td class=\"n\">{Format.Spread(c.Score, c.IsLowerBetter)}</td><td class=\"n\">{c.Valid}/{c.Runs}</td>");
            sb.Append(Inv, $"<td class=\"n\">{c.AnyMedal} (G{c.Gold} S{c.Silver} B{c.Bronze})</td><td class=\"n\">{c.AboveMedian}</td><td>{strip}</td><td>{links}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void AppendRuns(StringBuilder sb, BenchReport report)
    {
        sb.Append("<h2>Runs</h2><table><tr><th>competition</th><th>seed</th><th>status</th><th>agent</th><th>duration</th><th>score</th><th>valid</th><th>medal</th><th>report</th><th>note</th></tr>");
        foreach (var r in report.Runs)
        {
            var outcomeClass = r.AgentOutcome == "completed" ? "ok" : r.AgentOutcome is null ? "muted" : "bad";
            var valid = r.Report is null ? "–" : Format.Flag(r.Report.ValidSubmission);
            var validClass = r.Report?.ValidSubmission == true ? "ok" : "bad";
            var note = Format.Note(r);
            sb.Append(Inv, $"<tr><td>{E(r.CompetitionId)}</td><td class=\"n\">{r.Seed}</td><td>{E(r.Status)}</td><td class=\"{outcomeClass}\">{E(r.AgentOutcome ?? "–")}</td>");
            sb.Append(Inv, $"<td class=\"n\">{Format.Seconds(r.DurationSeconds)}</td><td class=\"n\">{Format.Score(r.Report?.Score)}</td><td class=\"{validClass}\">{valid}</td><td>{E(Format.Medal(r.Report))}</td><td>{(r.RunReport is null ? "" : $"<a href=\"{E(r.RunReport)}\">report</a>")}</td><td>{E(note)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static string E(string text) => SvgCharts.Esc(text);
}
