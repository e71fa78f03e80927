using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml grade &lt;task-folder&gt; &lt;submission.csv&gt;`: MLE-bench's 16-field report as JSON (plus invalid_reason when the
/// submission is invalid). A registered MLE-bench competition (<c>&lt;data-dir&gt;/&lt;id&gt;</c> of `mlebench prepare`) is
/// graded by its grade.py's rules, exactly as `bench run` and `bench validate` grade it. Exit code 0 for any graded
/// submission, valid or not; 2 for unusable input (no such task, no answers).
/// </summary>
internal sealed class GradeCommand : Command<GradeSettings>
{
    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader());
        var competition = catalog.LoadOne(settings.TaskFolder, new TaskLoadOptions { Metric = settings.Metric, IgnoreCompetitionYaml = settings.IgnoreYaml }, settings.Leaderboards);
        if (competition.Task.AnswersPath is null)
        {
            throw new UserFacingException($"{competition.Task.RootDirectory}: the task has no private answers (expected private/answers.csv), so it cannot be graded");
        }

        var submission = Path.GetFullPath(settings.Submission);
        var report = new BenchGrader(TimeProvider.System).Grade(competition, submission);
        Console.Out.WriteLine(CompetitionReportJson.Serialize(report));
        return 0;
    }
}
