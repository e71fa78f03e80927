using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml inspect &lt;folder&gt;`: the task as loaded or inferred (with the reasons), and the train columns' profile.</summary>
internal sealed class InspectCommand : Command<InspectSettings>
{
    public override int Execute(CommandContext context, InspectSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var task = new TaskLoader().Load(settings.Folder, new TaskLoadOptions { Metric = settings.Metric, IgnoreCompetitionYaml = settings.IgnoreYaml });
        cancellationToken.ThrowIfCancellationRequested();
        var profile = settings.NoProfile ? null : new DataProfiler().Profile(task);
        if (settings.Json)
        {
            Console.Out.WriteLine(InspectJson.Serialize(task, profile));
        }
        else
        {
            InspectRenderer.Render(AnsiConsole.Console, task, profile);
        }

        return 0;
    }
}
