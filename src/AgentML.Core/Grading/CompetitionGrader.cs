using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;

namespace AgentML.Core.Grading;

/// <summary>
/// Grades a submission of a task into MLE-bench's 16-field report: the score rounded to 5 decimals (null when the
/// submission is missing or invalid, with a one-line reason), thresholds, medals and median from the task's
/// leaderboard.csv when it has one (null otherwise).
/// </summary>
public sealed class CompetitionGrader(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly SubmissionGrader _grader = new();

    /// <summary>Grades <paramref name="submissionPath"/>; throws <see cref="UserFacingException"/> only when the task itself is unusable (no answers, bad leaderboard).</summary>
    public CompetitionReport Grade(TaskSpec task, string? submissionPath) =>
        Grade(task, submissionPath, LoadAnswers(task), task.LeaderboardPath is { } path ? Leaderboard.Read(path) : null);

    /// <summary>Grades with answers and leaderboard already loaded (many submissions of one task).</summary>
    public CompetitionReport Grade(TaskSpec task, string? submissionPath, CsvTable answers, Leaderboard? leaderboard)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(answers);
        var exists = !string.IsNullOrEmpty(submissionPath) && File.Exists(submissionPath);
        var grade = exists
            ? _grader.Grade(task, submissionPath!, answers)
            : GradeResult.Invalid(string.IsNullOrEmpty(submissionPath) ? "no submission was made" : $"submission file not found: {submissionPath}");
        return Report(task, submissionPath, exists, grade, leaderboard);
    }

    /// <summary>The 16-field report of a grade made elsewhere (e.g. by a competition's own grading rules).</summary>
    public CompetitionReport Report(TaskSpec task, string? submissionPath, bool submissionExists, GradeResult grade, Leaderboard? leaderboard)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(grade);
        var exists = submissionExists;
        var score = grade.Score is { } s ? ScoreRounding.Round(s) : (double?)null;
        var thresholds = leaderboard?.Thresholds();
        var medals = thresholds?.Rank(score) ?? MedalResult.None;
        return new CompetitionReport
        {
            CompetitionId = task.Id,
            Score = score,
            GoldThreshold = thresholds?.Gold,
            SilverThreshold = thresholds?.Silver,
            BronzeThreshold = thresholds?.Bronze,
            MedianThreshold = thresholds?.Median,
            AnyMedal = medals.AnyMedal,
            GoldMedal = medals.Gold,
            SilverMedal = medals.Silver,
            BronzeMedal = medals.Bronze,
            AboveMedian = medals.AboveMedian,
            SubmissionExists = exists,
            ValidSubmission = score is not null,
            IsLowerBetter = thresholds?.IsLowerBetter ?? !MetricRegistry.Get(task.Metric).HigherIsBetter,
            CreatedAt = _time.GetUtcNow(),
            SubmissionPath = submissionPath,
            InvalidReason = grade.InvalidReason,
        };
    }

    /// <summary>The task's private answers; throws <see cref="UserFacingException"/> when the task has none.</summary>
    public static CsvTable LoadAnswers(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.AnswersPath is { } path
            ? CsvTable.Read(path)
            : throw new UserFacingException($"{task.RootDirectory}: the task has no private answers (expected private/answers.csv), so it cannot be graded");
    }
}
