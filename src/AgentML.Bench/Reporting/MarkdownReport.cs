using System.Globalization;
using System.Text;

namespace AgentML.Bench.Reporting;

/// <summary>Renders a <see cref="BenchReport"/> as markdown (report.md).</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"# Bench {report.BenchId}");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Agent: {report.Agent}");
        sb.AppendLine(inv, $"- Seeds: {string.Join(", ", report.Seeds)}; time limit per run: {(report.TimeLimitSeconds is { } t ? Format.Seconds(t) : "–")}");
        sb.AppendLine(inv, $"- Created {report.CreatedAt:u}; report generated {report.GeneratedAt:u}{(report.Complete ? "" : " (bench not finished: missing runs count as no submission)")}");
        foreach (var note in report.Notes)
        {
            sb.AppendLine(inv, $"- Note: {note}");
        }

        sb.AppendLine();
        sb.AppendLine("## Leaderboard figures (% of competitions, mean ± standard error over seeds)");
        sb.AppendLine();
        sb.AppendLine("| split | competitions | " + string.Join(" | ", BenchReportBuilder.Flags.Select(f => f.Label)) + " |");
        sb.AppendLine("|---|---:|" + string.Concat(BenchReportBuilder.Flags.Select(_ => "---:|")));
        foreach (var split in report.Splits)
        {
            var cells = string.Join(" | ", BenchReportBuilder.Flags.Select(f => Format.Pct(split.Percentages[f.Key])));
            sb.AppendLine(inv, $"| {split.Name} | {split.Competitions.Count} | {cells} |");
        }

        var b = report.Batch;
        sb.AppendLine();
        sb.AppendLine("## Batch totals (MLE-bench)");
        sb.AppendLine();
        sb.AppendLine(inv, $"runs {b.TotalRuns}, with submissions {b.TotalRunsWithSubmissions}, valid {b.TotalValidSubmissions}, medals {b.TotalMedals} (gold {b.TotalGoldMedals}, silver {b.TotalSilverMedals}, bronze {b.TotalBronzeMedals}), above median {b.TotalAboveMedian}");
        sb.AppendLine();
        sb.AppendLine("## Competitions");
        sb.AppendLine();
        sb.AppendLine("| competition | metric | score (mean ± se) | spread (worst – best) | valid | medals | above median | gold | silver | bronze | median |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Competitions)
        {
            var direction = c.IsLowerBetter switch { true => " ↓", false => " ↑", null => "" };
            sb.AppendLine(inv, $"| {c.CompetitionId} | {c.Metric}{direction} | {Format.Score(c.Score)} | {Format.Spread(c.Score, c.IsLowerBetter)} | {c.Valid}/{c.Runs} | {c.AnyMedal} | {c.AboveMedian} | {Format.Score(c.GoldThreshold)} | {Format.Score(c.SilverThreshold)} | {Format.Score(c.BronzeThreshold)} | {Format.Score(c.MedianThreshold)} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Runs");
        sb.AppendLine();
        sb.AppendLine("| competition | seed | status | agent | duration | score | valid | medal | report | note |");
        sb.AppendLine("|---|---:|---|---|---:|---:|---|---|---|---|");
        foreach (var r in report.Runs)
        {
            var note = Format.Note(r);
            sb.AppendLine(inv, $"| {r.CompetitionId} | {r.Seed} | {r.Status} | {r.AgentOutcome ?? "–"} | {Format.Seconds(r.DurationSeconds)} | {Format.Score(r.Report?.Score)} | {(r.Report is null ? "–" : Format.Flag(r.Report.ValidSubmission))} | {Format.Medal(r.Report)} | {(r.RunReport is null ? "" : $"[report]({r.RunReport})")} | {Escape(note)} |");
        }

        return sb.ToString();
    }

    private static string Escape(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return oneLine.Length > 160 ? oneLine[..157] + "..." : oneLine;
    }
}
