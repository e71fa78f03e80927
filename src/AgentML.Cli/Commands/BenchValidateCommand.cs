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
        var competition = catalog.LoadOne(settings.Competition);
        if (competition.Task.AnswersPath is null)
        {
            throw new UserFacingException($"{settings.Competition}: the task has no private answers, so a submission cannot be checked.");
        }

        var result = new BenchGrader(TimeProvider.System).Validate(competition, Path.GetFullPath(settings.Submission));
        if (result.Valid)
        {
            AnsiConsole.MarkupLine("[green]Submission is valid.[/]");
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated($"[red]Submission is invalid:[/] {result.Reason}");
        return 1;
    }
}
