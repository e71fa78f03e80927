using AgentML.Core.Runs;
using System.Diagnostics;
using System.Globalization;
using AgentML.Agents;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using AgentML.Cli.Hosting;
using AgentML.Sandbox;
using AgentML.Search;
using AgentML.Search.Engine;
using AgentML.Search.Reports;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentML.Cli.Commands;

/// <summary>How much a solve prints while it runs.</summary>
internal enum SolveOutput
{
    /// <summary>A live display on a terminal, folded plain lines otherwise.</summary>
    Normal,

    /// <summary>Only the outcome.</summary>
    Quiet,

    /// <summary>Plain lines, every node (logs go to stderr).</summary>
    Verbose,
}

/// <summary>
/// Runs a solve or resume with live progress and prints the outcome. On a terminal: a live panel (time budget bar,
/// running nodes with operator and elapsed time, counts, best score and node, ensemble, recent events). Otherwise
/// (CI, logs) plain lines, one per finished node, with repeats folded, and a status line a minute when it changed.
/// </summary>
internal static class SolveConsole
{
    private const int RecentLines = 6;

    /// <summary>The agents, sandbox and store of a run (<see cref="SolveComposition"/>) on the command's host.</summary>
    public static SolveDependencies Dependencies(CommandHost host, SolveSettings settings, string db, decimal alreadySpent = 0m, ISandbox? sandbox = null) =>
        SolveComposition.Dependencies(settings, db, host.LoggerFactory, host.Time, alreadySpent, sandbox);

    public static SolveOutput OutputOf(bool quiet, bool verbose) =>
        quiet ? SolveOutput.Quiet : verbose ? SolveOutput.Verbose : SolveOutput.Normal;

    public static async Task<int> RunAsync(string db, SolveOutput output, Func<IProgress<SolveProgress>, Task<RunRecord>> solve)
    {
        WidenWhenRedirected();
        RunRecord run;
        var store = RunStore.Open(db);
        try
        {
            var live = output == SolveOutput.Normal && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            run = output == SolveOutput.Quiet ? await solve(new SyncProgress(_ => { })).ConfigureAwait(false)
                : live ? await RunLiveAsync(store, solve).ConfigureAwait(false)
                : await solve(new PlainPrinter(store, Console.Out, fold: output == SolveOutput.Normal)).ConfigureAwait(false);
        }
        finally
        {
            StoreDatabase.Close(db);
        }

        PrintOutcome(run);
        return run.Status == RunStatus.Finished ? 0 : 1;
    }

    /// <summary>The run as the store has it now; null before the run is saved. Executions (for durations) are read
    /// only when <paramref name="withExecutions"/>: when a node has just finished.</summary>
    internal static ReportModel? Snapshot(RunStore store, string runId, bool withExecutions)
    {
        var run = store.GetRun(runId);
        return run is null ? null : ReportModel.From(run, store.GetNodes(runId), withExecutions ? store.GetExecutions(runId) : []);
    }

    private static async Task<RunRecord> RunLiveAsync(RunStore store, Func<IProgress<SolveProgress>, Task<RunRecord>> solve)
    {
        SolveProgress? latest = null;
        var gate = new object();
        var progress = new SyncProgress(p =>
        {
            lock (gate)
            {
                latest = p;
            }
        });
        var lines = new ProgressLines();
        var recent = new List<string>();
        var clock = Stopwatch.StartNew();
        var total = TimeSpan.Zero;
        string? seenEvent = null;
        RunRecord? result = null;
        await AnsiConsole.Live(new Markup("[grey]preparing the development split…[/]")).AutoClear(false).StartAsync(async ctx =>
        {
            var work = solve(progress);
            while (true)
            {
                var done = work.IsCompleted;
                SolveProgress? p;
                lock (gate)
                {
                    p = latest;
                }

                var finishedOne = p is not null && (p.LastEvent != seenEvent || done);
                if (p is not null && Snapshot(store, p.RunId, withExecutions: finishedOne) is { } model)
                {
                    seenEvent = p.LastEvent;
                    total = TimeSpan.FromTicks(Math.Max(total.Ticks, (clock.Elapsed + p.TimeLeft).Ticks));
                    recent.AddRange(lines.Update(model));
                    if (recent.Count > RecentLines)
                    {
                        recent.RemoveRange(0, recent.Count - RecentLines);
                    }

                    ctx.UpdateTarget(Render(p, model, total, recent, lines.Pending));
                }

                if (done)
                {
                    break;
                }

                await Task.WhenAny(work, Task.Delay(1000)).ConfigureAwait(false);
            }

            result = await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>The live panel; at most about 14 + parallel lines, so it fits on one screen.</summary>
    internal static IRenderable Render(SolveProgress p, ReportModel model, TimeSpan total, IReadOnlyList<string> recent, string? pending)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        var elapsed = total - p.TimeLeft;
        grid.AddRow("[bold]time[/]", $"{Bar(total.TotalSeconds <= 0 ? 0 : elapsed / total, 36)}  {Clock(elapsed)} of {Clock(total)}, {Clock(p.TimeLeft)} left  [grey]({Markup.Escape(p.Phase)})[/]");
        grid.AddRow("[bold]nodes[/]", $"{p.Done} done: [green]{p.Ok} ok[/] · [red]{p.Buggy} buggy[/] · [grey]{p.Pruned} pruned[/] · [yellow]{p.Running} running[/]");
        var best = p.BestNodeId is null ? null : model.Node(p.BestNodeId);
        grid.AddRow("[bold]best[/]", p.BestScore is { } b
            ? $"[bold green]{Format(b)}[/] {Markup.Escape(model.Metric)} · {Markup.Escape(p.BestNodeId ?? "")}{(best is null ? "" : Markup.Escape(Of(best)))}{(best?.FinishedAtRunSeconds is { } at ? $" [grey](at {Clock(TimeSpan.FromSeconds(at))})[/]" : "")}"
            : "[grey]none yet[/]");
        if (model.Ensemble is { } e)
        {
            grid.AddRow("[bold]ensemble[/]", $"{(e.Score is { } es ? Format(es) : "—")} · {Markup.Escape(string.Join(" + ", e.Members.Select(m => $"{m.NodeId}×{m.Weight:G2}")))}");
        }

        var running = model.Nodes.Where(n => n.Status is ReportStatus.Pending or ReportStatus.Running).ToList();
        foreach (var n in running)
        {
            var age = TimeProvider.System.GetUtcNow().UtcDateTime - n.CreatedAt;
            var what = n.Status == ReportStatus.Pending ? "writing" : "running";
            grid.AddRow(n == running[0] ? "[bold]now[/]" : "", $"[yellow]{n.Id}[/] {Markup.Escape(n.Operator + Of(n))} · {what} · {Clock(age < TimeSpan.Zero ? TimeSpan.Zero : age)}");
        }

        for (var i = 0; i < recent.Count; i++)
        {
            grid.AddRow(i == 0 ? "[bold]recent[/]" : "", Markup.Escape(recent[i]));
        }

        if (pending is not null)
        {
            grid.AddRow(recent.Count == 0 ? "[bold]recent[/]" : "", $"[grey]{Markup.Escape(pending)}[/]");
        }

        var header = $"AgentML solve · {Markup.Escape(model.TaskId)} · {Markup.Escape(model.Metric)} ({(model.HigherIsBetter ? "higher" : "lower")} is better) · {Markup.Escape(model.RunId)}";
        return new Panel(grid).Header(header).Border(BoxBorder.Rounded).Expand();
    }

    internal static string Bar(double fraction, int width)
    {
        var full = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return $"[blue]{new string('━', full)}[/][grey]{new string('━', width - full)}[/]";
    }

    private static string Of(ReportNode node) => node.Parents.Count == 0 ? "" : " of " + string.Join("+", node.Parents);

    private static void PrintOutcome(RunRecord run)
    {
        var color = run.Status == RunStatus.Finished ? "green" : "red";
        AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(run.Status.ToText())}[/] run [bold]{Markup.Escape(run.Id)}[/]: {Markup.Escape(run.Message ?? "")}");
        if (run.BestScore is { } best)
        {
            AnsiConsole.MarkupLineInterpolated($"best development {run.Metric}: {Format(best)} ({run.BestNodeId})");
        }

        if (run.TestScore is { } test)
        {
            AnsiConsole.MarkupLineInterpolated($"{run.Metric} on the task's private answers: {Format(test)}");
        }

        AnsiConsole.MarkupLineInterpolated($"early scoring: {run.LowFidelityRuns} low-fidelity runs, {run.NotPromoted} not promoted, {run.StoppedEarly} stopped early, {run.ComputeSavedSeconds:F0} s of {run.ComputeSpentSeconds + run.ComputeSavedSeconds:F0} s saved");
        if (run.SubmissionPath is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"submission: {run.SubmissionPath}");
        }

        AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(run.OutputDirectory, "report.html")}  (tree: agentml show {run.Id})");
    }

    /// <summary>Redirected output has no terminal width; use a wide one so tables and trees do not wrap.</summary>
    internal static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        }
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    internal static string Clock(TimeSpan t) => $"{(int)t.TotalMinutes}:{t.Seconds:00}";

    /// <summary>
    /// Plain lines for logs: one per finished node (repeats folded unless verbose), the phase when it changes and a
    /// status line at most once a minute when something changed.
    /// </summary>
    internal sealed class PlainPrinter(RunStore store, TextWriter writer, bool fold) : IProgress<SolveProgress>
    {
        private readonly ProgressLines _lines = new(fold);
        private readonly object _gate = new();
        private string? _lastEvent;
        private string? _lastPhase;
        private string? _lastStatus;
        private long _lastStatusAt = Stopwatch.GetTimestamp();

        public void Report(SolveProgress value)
        {
            lock (_gate)
            {
                if (value.LastEvent != _lastEvent || value.Phase != _lastPhase)
                {
                    _lastEvent = value.LastEvent;
                    if (Snapshot(store, value.RunId, withExecutions: true) is { } model)
                    {
                        foreach (var line in _lines.Update(model))
                        {
                            Write(value, line.StartsWith('…') ? "  " + line : line);
                        }
                    }
                }

                if (value.Phase != _lastPhase)
                {
                    _lastPhase = value.Phase;
                    Flush(value);
                    Write(value, value.Phase switch
                    {
                        "searching" => "searching",
                        "final" => $"search over (best node {value.BestNodeId}); choosing the submission",
                        _ => value.Phase,
                    });
                }

                var status = Status(value);
                if (status != _lastStatus && Stopwatch.GetElapsedTime(_lastStatusAt) >= TimeSpan.FromMinutes(1))
                {
                    Flush(value);
                    Write(value, status);
                    _lastStatus = status;
                    _lastStatusAt = Stopwatch.GetTimestamp();
                }

                if (value.Phase == "done")
                {
                    Flush(value);
                }
            }
        }

        private void Flush(SolveProgress value)
        {
            if (_lines.Flush() is { } note)
            {
                Write(value, "  " + note);
            }
        }

        private static string Status(SolveProgress p) =>
            $"{p.Done} done ({p.Ok} ok, {p.Buggy} buggy, {p.Pruned} pruned), {p.Running} running, best {(p.BestScore is { } b ? $"{Format(b)} ({p.BestNodeId})" : "none")}";

        private void Write(SolveProgress value, string line)
        {
            writer.WriteLine($"[{Clock(value.TimeLeft)} left] {line}");
            writer.Flush();
        }
    }

    private sealed class SyncProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
