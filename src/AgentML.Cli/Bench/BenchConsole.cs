using System.Globalization;
using System.Runtime.InteropServices;
using AgentML.Bench.Reporting;
using AgentML.Bench.Running;
using AgentML.Store.Bench;
using Spectre.Console;

namespace AgentML.Cli.Bench;

/// <summary>Console side of running a bench: progress lines, Ctrl+C, the closing summary.</summary>
internal static class BenchConsole
{
    public static async Task<int> RunAsync(BenchHost host, BenchOptions options, string? benchId, CancellationToken cancellationToken, int? parallel = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Cancellation);

        // SIGTERM (kill, a batch system ending the coordinator) stops the bench like Ctrl+C: its Slurm jobs are cancelled.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        var progress = new SyncProgress<BenchRunEvent>(Print);
        var files = await host.Service.RunAsync(options, benchId, host.CreateAgent, progress, cts.Token, parallel).ConfigureAwait(false);
        PrintSummary(files);
        return 0;
    }

    public static void PrintSummary(BenchReportFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var report = files.Report;
        var table = new Table().Title($"bench {Markup.Escape(report.BenchId)}: % of competitions, mean ± se over seeds").AddColumn("split").AddColumn("n");
        foreach (var f in BenchReportBuilder.Flags)
        {
            table.AddColumn(new TableColumn(Markup.Escape(f.Short)).RightAligned());
        }

        foreach (var split in report.Splits)
        {
            table.AddRow([Markup.Escape(split.Name), split.Competitions.Count.ToString(CultureInfo.InvariantCulture), .. BenchReportBuilder.Flags.Select(f => Pct(split.Percentages[f.Key]))]);
        }

        AnsiConsole.Write(table);
        var b = report.Batch;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "runs {0}, submissions {1}, valid {2}, medals {3} (gold {4}, silver {5}, bronze {6}), above median {7}{8}",
            b.TotalRuns, b.TotalRunsWithSubmissions, b.TotalValidSubmissions, b.TotalMedals, b.TotalGoldMedals, b.TotalSilverMedals, b.TotalBronzeMedals, b.TotalAboveMedian,
            report.Complete ? "" : " [yellow](not finished: resume with `agentml bench resume " + Markup.Escape(report.BenchId) + "`)[/]");
        AnsiConsole.MarkupLineInterpolated($"reports: {files.Json}, {files.Markdown}, {files.Html}");
    }

    private static string Pct(MeanSe v) => string.Create(CultureInfo.InvariantCulture, $"{v.Mean:0.0}±{v.StandardError:0.0}");

    private static void Print(BenchRunEvent e)
    {
        var head = $"{e.CompetitionId} seed {e.Seed}";
        if (e.Skipped)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{head}: already finished, skipped[/]");
        }
        else if (e.Status == BenchRunStatus.Running)
        {
            AnsiConsole.MarkupLineInterpolated($"{head}: running");
        }
        else if (e.Report is { } r)
        {
            var score = r.Score?.ToString("0.#####", CultureInfo.InvariantCulture) ?? "none";
            var medal = r.GoldMedal ? "gold" : r.SilverMedal ? "silver" : r.BronzeMedal ? "bronze" : r.AboveMedian ? "above median" : "no medal";
            var outcome = e.Outcome?.ToString().ToLowerInvariant() ?? "?";
            var color = r.ValidSubmission ? "green" : "red";
            AnsiConsole.MarkupLineInterpolated($"{head}: agent {outcome}, [{color}]score {score}[/], {medal}{(r.InvalidReason is null ? "" : " — " + r.InvalidReason)}");
        }
    }

    /// <summary>An IProgress that reports on the calling thread (no synchronisation context hops).</summary>
    private sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
    {
        private readonly object _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                handler(value);
            }
        }
    }
}
