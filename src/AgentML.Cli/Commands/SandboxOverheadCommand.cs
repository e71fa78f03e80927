using System.Diagnostics;
using System.Globalization;
using AgentML.Sandbox;
using AgentML.Sandbox.Local;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml sandbox overhead`: a benchmark, not a test. For each back end, the median wall time of a sandboxed
/// `python -c pass` (workspace, start, limits, wait, cleanup) minus the median of a bare `python3 -c pass`.
/// Targets: at most 100 ms for the process back end and 500 ms for Docker.
/// </summary>
internal sealed class SandboxOverheadCommand : AsyncCommand<SandboxOverheadSettings>
{
    private const int WarmUp = 2;

    private static readonly Dictionary<string, double> TargetsMs = new(StringComparer.Ordinal) { [SandboxKinds.Process] = 100, [SandboxKinds.Docker] = 500 };

    public override async Task<int> ExecuteAsync(CommandContext context, SandboxOverheadSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var loggers = SandboxConsole.Loggers(settings.Verbose);
        var factory = new SandboxFactory(loggers, TimeProvider.System);
        var python = await new PythonLocator().LocateAsync(settings.Python, cancellationToken);
        var bare = await MedianAsync(settings.Runs, async () =>
        {
            var result = await ProcessRunner.RunAsync(python.Path, ["-c", "pass"], TimeSpan.FromSeconds(60), null, cancellationToken);
            return result.Succeeded ? null : result.StandardError;
        });
        AnsiConsole.MarkupLine($"bare {Markup.Escape(python.Path)} -c pass: median {Ms(bare)} over {settings.Runs} runs");
        var table = new Table().AddColumns("back end", "median run", "median overhead", "target", "");
        var work = SandboxConsole.CreateWorkDirectory("agentml-overhead-");
        try
        {
            foreach (var kind in settings.Sandbox == "all" ? SandboxKinds.All : [settings.Sandbox])
            {
                var sandbox = factory.Create(settings.Options(kind));
                using var owned = sandbox as IDisposable;
                var job = new SandboxJob { HostRoot = Path.Combine(work.FullName, kind), Command = ["python", "-c", "pass"], TimeLimit = TimeSpan.FromSeconds(60) };
                var median = await MedianAsync(settings.Runs, async () =>
                {
                    var result = await sandbox.RunAsync(job, null, cancellationToken);
                    return result.Succeeded ? null : $"{result.Reason}: {result.Message} {result.Output}";
                });
                var overhead = median - bare;
                var target = TargetsMs[kind];
                var met = overhead.TotalMilliseconds <= target;
                table.AddRow(kind, Ms(median), Ms(overhead), $"<= {target} ms", met ? "[green]met[/]" : "[red]missed[/]");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Median wall time of <paramref name="runs"/> calls after the warm-up; a call returns an error text or null.</summary>
    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task<string?>> once)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < WarmUp + runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (await once() is { } error)
            {
                throw new UserFacingException("The benchmark run failed: " + error.Trim());
            }

            if (i >= WarmUp)
            {
                times.Add(Stopwatch.GetElapsedTime(start));
            }
        }

        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
