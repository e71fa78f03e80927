using AgentML.Core.Tasks;

namespace AgentML.Core.Grading;

/// <summary>
/// Grades a submission file against an answers file with the task's metric, MLE-bench style: ids matched,
/// columns checked, invalid submissions reported with a one-line reason.
/// </summary>
public sealed class SubmissionGrader
{
    /// <summary>
    /// Grades <paramref name="submissionPath"/> against <paramref name="answersPath"/> (same layout as the
    /// task's answers: id column + target columns in submission format).
    /// </summary>
    public GradeResult Grade(TaskSpec task, string submissionPath, string answersPath)
    {
        ArgumentNullException.ThrowIfNull(task);
        throw new NotImplementedException("issue 2");
    }
}
