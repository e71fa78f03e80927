using AgentML.Cli.Bench;
using AgentML.Cli.Hosting;
using AgentML.Search;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml resume &lt;run-id&gt;`: continues a run that was stopped or killed; finished nodes are kept.</summary>
internal sealed class ResumeCommand : AsyncCommand<ResumeCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ResumeCommandSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var time = settings.Time is null ? (TimeSpan?)null : DurationParser.Parse(settings.Time, "--time");
        if (!File.Exists(settings.Db))
        {
            throw new UserFacingException($"No AgentML database at {Path.GetFullPath(settings.Db)} (set --db to the file the solve wrote).");
        }

        var (run, solveSettings) = SolveService.FindRun(RunStore.Open(settings.Db), settings.RunId);
        using var host = new CommandHost(settings.Verbose, cancellationToken);
        var service = new SolveService(SolveConsole.Dependencies(host, solveSettings, settings.Db, run.LlmCost));
        return await SolveConsole.RunAsync(settings.Db, SolveConsole.OutputOf(settings.Quiet, settings.Verbose), p => service.ResumeAsync(settings.RunId, time, p, host.Cancellation)).ConfigureAwait(false);
    }
}
