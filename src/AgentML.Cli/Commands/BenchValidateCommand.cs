using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Core.Tasks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml bench validate &lt;competition&gt; &lt;submission&gt;`: grades the submission privately and says only whether it
/// is valid (and why not), never its score — MLE-bench's validation endpoint.
/// </summary>
internal sealed class BenchValidateCommand : Command<BenchValidateSettings>
{
    public override int Execute(CommandContext context, BenchValidateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader());
        var found = catalog.Discover(new CatalogOptions { Inputs = [settings.Competition] });
        if (found.Count != 1)
        {
            throw new UserFacingException($"{settings.Competition} holds {found.Count} competitions; name one competition folder.");
        }

        var result = new BenchGrader(TimeProvider.System).Validate(found[0], Path.GetFullPath(settings.Submission));
        if (result.Valid)
        {
            AnsiConsole.MarkupLine("[green]Submission is valid.[/]");
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated($"[red]Submission is invalid:[/] {result.Reason}");
        return 1;
    }
}
