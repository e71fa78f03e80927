using AgentML.Core.Runs;
using AgentML.Search.Reports;
using AgentML.Store;
using AgentML.Store.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml show &lt;run-id&gt;`: the run's tree in the terminal (operator, plan summary, status, score, time).</summary>
internal sealed class ShowCommand : Command<ShowCommandSettings>
{
    public override int Execute(CommandContext context, ShowCommandSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SolveConsole.WidenWhenRedirected();
        using var db = StoreDatabase.OpenReadOnly(settings.Db);
        var store = new RunStore(db);
        var run = store.FindRun(settings.RunId) ?? throw new UserFacingException($"No run '{settings.RunId}' in {Path.GetFullPath(settings.Db)} (see `agentml runs`).");
        var nodes = store.GetNodes(run.Id);
        var executions = store.GetExecutions(run.Id).ToLookup(e => e.NodeId);

        AnsiConsole.MarkupLineInterpolated($"[bold]{run.Id}[/]  {run.TaskName} ({run.TaskId}), {run.Metric} ({(run.HigherIsBetter ? "higher" : "lower")} is better)");
        AnsiConsole.MarkupLine($"status {RunsCommand.Status(run.Status)}, best {RunsCommand.Score(run.BestScore)} ({Markup.Escape(run.BestNodeId ?? "none")}), test {RunsCommand.Score(run.TestScore)}, {run.ElapsedSeconds:F0} s, {nodes.Count} nodes");
        if (run.Message is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{run.Message}[/]");
        }

        var tree = new Tree(Markup.Escape(run.TaskId));
        var added = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
        foreach (var (node, _) in TreeLayout.DepthFirst(nodes))
        {
            var seconds = executions[node.Id].Where(e => e.Fidelity != Fidelity.Final).Sum(e => e.DurationSeconds);
            var label = Label(node, seconds, run.BestNodeId);
            var parent = node.ParentIds.Count > 0 && added.TryGetValue(node.ParentIds[0], out var p) ? p : null;
            added[node.Id] = parent is null ? tree.AddNode(label) : parent.AddNode(label);
        }

        AnsiConsole.Write(tree);
        return 0;
    }

    private static string Label(NodeRecord node, double seconds, string? bestId)
    {
        var color = node.Status switch
        {
            NodeStatus.Ok => "green",
            NodeStatus.Buggy => "red",
            NodeStatus.Pruned => "grey",
            _ => "yellow",
        };
        var star = node.Id == bestId ? " [bold yellow]★[/]" : "";
        var merge = node.ParentIds.Count > 1 ? $" (+{Markup.Escape(node.ParentIds[1])})" : "";
        var detail = node.Status == NodeStatus.Ok ? "" : node.Error is { } e ? $" [grey]{Markup.Escape(Trim(e, 80))}[/]" : "";
        var low = node.LowScore is { } l ? $" low {RunsCommand.Score(l)}" : "";
        return $"[bold]{node.Id}[/] {node.Operator.ToText()}{merge} [{color}]{node.Status.ToText()}[/] {RunsCommand.Score(node.Score)}{low} {seconds:F0}s{star} — {Markup.Escape(TreeLayout.Summary(node.Plan, 70))}{detail}";
    }

    private static string Trim(string text, int max)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
