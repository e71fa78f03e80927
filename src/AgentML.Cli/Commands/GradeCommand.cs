using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml grade &lt;task-folder&gt; &lt;submission.csv&gt;`: MLE-bench's 16-field report as JSON (plus invalid_reason when the
/// submission is invalid). Exit code 0 for any graded submission, valid or not; 2 for unusable input (no such task,
/// no answers).
/// </summary>
internal sealed class GradeCommand : Command<GradeSettings>
{
    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var task = new TaskLoader().Load(settings.TaskFolder, new TaskLoadOptions { Metric = settings.Metric, IgnoreCompetitionYaml = settings.IgnoreYaml });
        var submission = Path.GetFullPath(settings.Submission);
        var report = new CompetitionGrader(TimeProvider.System).Grade(task, submission);
        Console.Out.WriteLine(CompetitionReportJson.Serialize(report));
        return 0;
    }
}
