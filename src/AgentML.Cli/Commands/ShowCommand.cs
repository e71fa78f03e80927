using AgentML.Core.Runs;
using AgentML.Search.Reports;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml show &lt;run-id&gt;`: the run's tree in the terminal, one line per node (operator, status, score, time,
/// plan or error), repeated identical leaf siblings folded into one line. --write-report rewrites report.html/.md.
/// </summary>
internal sealed class ShowCommand : Command<ShowCommandSettings>
{
    public override int Execute(CommandContext context, ShowCommandSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SolveConsole.WidenWhenRedirected();
        ReportModel model;
        using (var db = StoreDatabase.OpenReadOnly(settings.Db))
        {
            var store = new RunStore(db);
            var run = store.FindRun(settings.RunId) ?? throw new UserFacingException($"No run '{settings.RunId}' in {Path.GetFullPath(settings.Db)} (see `agentml runs`).");
            model = ReportModel.From(run, store.GetNodes(run.Id), store.GetExecutions(run.Id));
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{model.RunId}[/]  {model.TaskName} ({model.TaskId}), {model.Metric} ({(model.HigherIsBetter ? "higher" : "lower")} is better)");
        AnsiConsole.MarkupLine($"status {RunsCommand.Status(model.Status)}, best {RunsCommand.Score(model.BestScore)} ({Markup.Escape(model.BestNodeId ?? "none")}), test {RunsCommand.Score(model.TestScore)}, {model.ElapsedSeconds:F0} s, {model.Nodes.Count} nodes");
        if (model.Ensemble is { } ensemble)
        {
            AnsiConsole.MarkupLineInterpolated($"ensemble {RunsCommand.Score(ensemble.Score)}: {string.Join(", ", ensemble.Members.Select(m => $"{m.NodeId}×{m.Weight:G2}"))}{(ensemble.Chosen ? " (submitted)" : "")}");
        }

        if (model.Message is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{model.Message}[/]");
        }

        foreach (var row in TreeText.Rows(model))
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(row.Prefix)}[/]{Colored(model, row.Node)}");
            if (row.Folded.Count > 0)
            {
                var indent = row.Prefix.Replace("├─ ", "│  ", StringComparison.Ordinal).Replace("└─ ", "   ", StringComparison.Ordinal);
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(indent)}  {Markup.Escape(TreeText.FoldNote(row))}[/]");
            }
        }

        if (settings.WriteReport)
        {
            var dir = model.OutputDirectory;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "report.html"), ReportWriter.Html(model));
            File.WriteAllText(Path.Combine(dir, "report.md"), ReportWriter.Markdown(model));
            AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(dir, "report.html")}");
        }

        return 0;
    }

    /// <summary>The node's line with its status coloured.</summary>
    private static string Colored(ReportModel model, ReportNode node)
    {
        var text = Markup.Escape(TreeText.Describe(model, node));
        var status = node.Status.ToString().ToLowerInvariant();
        var color = node.Status switch
        {
            ReportStatus.Ok => "green",
            ReportStatus.Buggy => "red",
            ReportStatus.Pruned => "grey",
            _ => "yellow",
        };
        var at = text.IndexOf(" " + status, node.Id.Length, StringComparison.Ordinal);
        text = at < 0 ? text : text[..(at + 1)] + $"[{color}]{status}[/]" + text[(at + 1 + status.Length)..];
        return $"[bold]{node.Id}[/]" + text[node.Id.Length..].Replace("★best", "[bold yellow]★best[/]", StringComparison.Ordinal);
    }
}
