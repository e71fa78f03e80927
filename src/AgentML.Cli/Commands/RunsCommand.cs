using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml runs`: the runs in the database, newest first, with their best scores (works while a solve runs).</summary>
internal sealed class RunsCommand : Command<StoreCommandSettings>
{
    public override int Execute(CommandContext context, StoreCommandSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SolveConsole.WidenWhenRedirected();
        using var db = StoreDatabase.OpenReadOnly(settings.Db);
        var store = new RunStore(db);
        var runs = store.ListRuns();
        if (runs.Count == 0)
        {
            AnsiConsole.WriteLine("No runs yet.");
            return 0;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("run").NoWrap());
        foreach (var column in new[] { "metric", "status", "best (dev)", "test", "ok/nodes", "time" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var run in runs)
        {
            var nodes = store.GetNodes(run.Id);
            table.AddRow(
                Markup.Escape(run.Id), Markup.Escape(run.Metric), Status(run.Status),
                Score(run.BestScore), Score(run.TestScore),
                $"{nodes.Count(n => n.Status == NodeStatus.Ok)}/{nodes.Count}",
                $"{run.ElapsedSeconds:F0}s");
        }

        AnsiConsole.Write(table);
        return 0;
    }

    internal static string Status(RunStatus status) => Status(status.ToText());

    /// <summary>A run status word ("finished", "failed", "running") coloured for the console.</summary>
    internal static string Status(string status) => status switch
    {
        "finished" => "[green]finished[/]",
        "failed" => "[red]failed[/]",
        _ => "[yellow]" + Markup.Escape(status) + "[/]",
    };

    internal static string Score(double? score) => score is { } s ? s.ToString("G6", CultureInfo.InvariantCulture) : "—";
}
