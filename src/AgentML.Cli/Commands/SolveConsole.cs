using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Agents;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using AgentML.Cli.Hosting;
using AgentML.Sandbox;
using AgentML.Search;
using AgentML.Search.Engine;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console;

namespace AgentML.Cli.Commands;

/// <summary>Runs a solve or resume with live progress (a table on a terminal, plain lines when redirected) and prints the outcome.</summary>
internal static class SolveConsole
{
    /// <summary>The agents, sandbox and store of a run with <paramref name="settings"/>;
    /// <paramref name="alreadySpent"/> is what a resumed run spent on LLM calls before; it counts against --max-llm-cost.</summary>
    public static SolveDependencies Dependencies(CommandHost host, SolveSettings settings, string db, decimal alreadySpent = 0m) => new()
    {
        Team = AgentTeamFactory.Create(
            new AgentTeamOptions
            {
                Model = settings.Model,
                MaxLlmCost = settings.MaxLlmCost,
                RoleModels = LlmTeam.ParseRoleModels(settings.RoleModels),
                Budget = new LlmBudget(settings.MaxLlmCost, new Usage(0, 0, alreadySpent)),
            },
            host.LoggerFactory),
        Sandbox = new SandboxFactory(host.LoggerFactory, host.Time).Create(settings.Sandbox),
        Store = RunStore.Open(db),
        LoggerFactory = host.LoggerFactory,
        Time = host.Time,
    };

    public static async Task<int> RunAsync(string db, Func<IProgress<SolveProgress>, Task<RunRecord>> solve)
    {
        WidenWhenRedirected();
        RunRecord run;
        try
        {
            run = Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
                ? await RunPlainAsync(solve).ConfigureAwait(false)
                : await RunLiveAsync(solve).ConfigureAwait(false);
        }
        finally
        {
            StoreDatabase.Close(db);
        }

        PrintOutcome(run);
        return run.Status == RunStatus.Finished ? 0 : 1;
    }

    private static async Task<RunRecord> RunPlainAsync(Func<IProgress<SolveProgress>, Task<RunRecord>> solve)
    {
        var printer = new PlainPrinter();
        return await solve(printer).ConfigureAwait(false);
    }

    private static async Task<RunRecord> RunLiveAsync(Func<IProgress<SolveProgress>, Task<RunRecord>> solve)
    {
        SolveProgress? latest = null;
        var events = new List<string>();
        var progress = new SyncProgress(p =>
        {
            lock (events)
            {
                latest = p;
                if (p.LastEvent is { } e && (events.Count == 0 || events[^1] != e))
                {
                    events.Add(e);
                }
            }
        });
        RunRecord? result = null;
        await AnsiConsole.Live(Render(null, [])).AutoClear(false).StartAsync(async ctx =>
        {
            var work = solve(progress);
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(500)).ConfigureAwait(false);
                lock (events)
                {
                    ctx.UpdateTarget(Render(latest, events.TakeLast(8).ToList()));
                }
            }

            result = await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private static Table Render(SolveProgress? p, IReadOnlyList<string> events)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("AgentML solve").AddColumn("");
        if (p is null)
        {
            table.AddRow("status", "preparing the development split…");
            return table;
        }

        table.AddRow("run", Markup.Escape(p.RunId));
        table.AddRow("phase", p.Phase);
        table.AddRow("nodes", $"{p.Running} running, {p.Done} done ([green]{p.Ok} ok[/], [red]{p.Buggy} buggy[/], [grey]{p.Pruned} pruned[/])");
        table.AddRow("best", p.BestScore is { } b ? $"{Format(b)} ({p.BestNodeId})" : "—");
        table.AddRow("time left", $"{(int)p.TimeLeft.TotalMinutes}:{p.TimeLeft.Seconds:00}");
        foreach (var e in events)
        {
            table.AddRow("", Markup.Escape(e));
        }

        return table;
    }

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

        AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(run.OutputDirectory, "report.html")}");
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

    /// <summary>Prints a line when a node finishes, and a status line every 30 s.</summary>
    private sealed class PlainPrinter : IProgress<SolveProgress>
    {
        private string? _lastEvent;
        private string? _lastPhase;
        private DateTime _lastStatus = DateTime.MinValue;

        public void Report(SolveProgress value)
        {
            lock (this)
            {
                var now = DateTime.UtcNow;
                if (value.LastEvent is { } e && e != _lastEvent)
                {
                    _lastEvent = e;
                    Console.WriteLine($"[{Clock(value.TimeLeft)} left] {e}");
                }

                if (value.Phase != _lastPhase || now - _lastStatus > TimeSpan.FromSeconds(30))
                {
                    _lastPhase = value.Phase;
                    _lastStatus = now;
                    var best = value.BestScore is { } b ? $"{Format(b)} ({value.BestNodeId})" : "none";
                    Console.WriteLine($"[{Clock(value.TimeLeft)} left] {value.Phase}: {value.Running} running, {value.Done} done ({value.Ok} ok, {value.Buggy} buggy, {value.Pruned} pruned), best {best}");
                }
            }
        }

        private static string Clock(TimeSpan t) => $"{(int)t.TotalMinutes}:{t.Seconds:00}";
    }

    private sealed class SyncProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
