using AgentML.Bench.Competitions;
using AgentML.Core.Grading;

namespace AgentML.Bench.Grading;

/// <summary>What <see cref="BenchGrader.Validate"/> says about a submission: valid or not and why, never its score.</summary>
public sealed record ValidationResult(bool Valid, string? Reason);

/// <summary>
/// Grades a submission into MLE-bench's 16-field report (score, thresholds, medals). A registered MLE-bench competition
/// is graded by its own grade.py's rules (<see cref="MleBenchRuleGrader"/>); an AgentML task folder by Core's grader.
/// The one grading path of `grade`, `bench run` and `bench validate`. Never throws for a bad submission.
/// </summary>
public sealed class BenchGrader(TimeProvider time)
{
    /// <summary>The 16-field report of <paramref name="submissionPath"/> (which may not exist).</summary>
    public CompetitionReport Grade(BenchCompetition competition, string submissionPath)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var task = competition.Task;
        var core = new CompetitionGrader(time);
        if (competition.MleBenchGrading is not { } grading || task.AnswersPath is null)
        {
            return core.Grade(task, submissionPath);
        }

        var leaderboard = task.LeaderboardPath is { } lb ? Leaderboard.Read(lb) : null;
        // grade_csv: a submission exists only when it is a file ending in .csv.
        var exists = !string.IsNullOrEmpty(submissionPath) && File.Exists(submissionPath)
            && submissionPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var grade = exists
            ? MleBenchRuleGrader.Grade(grading, submissionPath, task.AnswersPath)
            : GradeResult.Invalid(File.Exists(submissionPath) ? $"the submission must be a .csv file: {submissionPath}" : $"submission file not found: {submissionPath}");
        return core.Report(task, submissionPath, exists, grade, leaderboard);
    }

    /// <summary>Checks a submission as the grader would, revealing only whether it is valid and why not.</summary>
    public ValidationResult Validate(BenchCompetition competition, string submissionPath)
    {
        var report = Grade(competition, submissionPath);
        if (!report.SubmissionExists)
        {
            return new ValidationResult(false, report.InvalidReason ?? $"No submission at {submissionPath}.");
        }

        return report.ValidSubmission ? new ValidationResult(true, null) : new ValidationResult(false, report.InvalidReason ?? "The submission is invalid.");
    }
}
