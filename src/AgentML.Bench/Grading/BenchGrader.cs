using AgentML.Bench.Competitions;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Grading;

/// <summary>What <see cref="BenchGrader.Validate"/> says about a submission: valid or not and why, never its score.</summary>
public sealed record ValidationResult(bool Valid, string? Reason);

/// <summary>
/// Grades a bench run's submission by MLE-bench's rules with Core's grader (score, thresholds, medals, the 16-field
/// report), after the competition's MLE-bench adjustments. Never throws for a bad submission.
/// </summary>
public sealed class BenchGrader(TimeProvider time)
{
    /// <summary>The 16-field report of <paramref name="submissionPath"/> (which may not exist).</summary>
    public CompetitionReport Grade(BenchCompetition competition, string submissionPath)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var task = competition.Task;
        if (!File.Exists(submissionPath) || task.AnswersPath is null)
        {
            return CoreReport(task, submissionPath);
        }

        GradingInputs inputs;
        try
        {
            inputs = GradingInputs.Prepare(competition, submissionPath, task.AnswersPath);
        }
        catch (UserFacingException ex)
        {
            var report = CoreReport(task, null);
            return report with { SubmissionExists = true, SubmissionPath = submissionPath, InvalidReason = ex.Message };
        }

        using (inputs)
        {
            var report = CoreReport(task with { AnswersPath = inputs.AnswersPath }, inputs.SubmissionPath);
            return report with { SubmissionPath = submissionPath };
        }
    }

    /// <summary>Checks a submission as the grader would, revealing only whether it is valid and why not.</summary>
    public ValidationResult Validate(BenchCompetition competition, string submissionPath)
    {
        var report = Grade(competition, submissionPath);
        if (!report.SubmissionExists)
        {
            return new ValidationResult(false, $"No submission at {submissionPath}.");
        }

        return report.ValidSubmission ? new ValidationResult(true, null) : new ValidationResult(false, report.InvalidReason ?? "The submission is invalid.");
    }

    private CompetitionReport CoreReport(TaskSpec task, string? submissionPath) =>
        new CompetitionGrader(time).Grade(task, submissionPath);
}
