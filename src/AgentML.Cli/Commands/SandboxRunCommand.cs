using System.Globalization;
using AgentML.Sandbox;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml sandbox run program.py --input DIR`: runs one program as solve would (input/ read-only, working/ and
/// submission/ writable), prints metrics live and the result; exit code 0 only when the program succeeded.
/// </summary>
internal sealed class SandboxRunCommand : AsyncCommand<SandboxRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SandboxRunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var loggers = SandboxConsole.Loggers(settings.Verbose);
        var sandbox = new SandboxFactory(loggers, TimeProvider.System).Create(settings.Options(settings.Sandbox));
        using var owned = sandbox as IDisposable;
        var root = Path.GetFullPath(settings.Root ?? Path.Combine(Path.GetTempPath(), "agentml-run-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)));
        var job = SandboxJob.ForSolution(
            File.ReadAllText(settings.Program), settings.Input, root, TimeSpan.FromSeconds(settings.Time), settings.Seed, settings.Threads, settings.Memory);
        AnsiConsole.MarkupLine($"[grey]running {Markup.Escape(settings.Program)} in the {sandbox.Name} sandbox; root {Markup.Escape(root)}[/]");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var live = new Progress<MetricLine>(m => AnsiConsole.MarkupLine("  [blue]metric[/] " + Markup.Escape(SandboxConsole.Metric(m))));
            var result = await sandbox.RunAsync(job, live, cancel.Token);
            SandboxConsole.Print(result, outputLines: 40, metricsShownLive: true);
            var submission = SandboxJob.SubmissionPath(root);
            AnsiConsole.MarkupLine(File.Exists(submission) ? $"submission: {Markup.Escape(submission)}" : "[yellow]no submission/submission.csv was written[/]");
            return result.Succeeded ? 0 : 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
