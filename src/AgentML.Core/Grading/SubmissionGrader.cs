using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;

namespace AgentML.Core.Grading;

/// <summary>
/// Grades a submission file against an answers file with the task's metric, MLE-bench style: ids matched,
/// columns checked, invalid submissions reported with a one-line reason.
/// </summary>
public sealed class SubmissionGrader
{
    private const int ExampleCount = 3;

    /// <summary>
    /// Grades <paramref name="submissionPath"/> against <paramref name="answersPath"/> (same layout as the
    /// task's answers: id column + target columns in submission format; for per-class probability tasks the answers may
    /// instead hold the train label column). Submission problems give <see cref="GradeResult.Invalid"/>; a missing or
    /// malformed answers file is the task's fault and throws <see cref="UserFacingException"/>.
    /// </summary>
    public GradeResult Grade(TaskSpec task, string submissionPath, string answersPath)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(answersPath);
        var answers = CsvTable.Read(answersPath);
        return Grade(task, submissionPath, answers);
    }

    /// <summary>Grades against answers already in memory (the same answers for many submissions).</summary>
    public GradeResult Grade(TaskSpec task, string submissionPath, CsvTable answers)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(answers);
        if (string.IsNullOrEmpty(submissionPath) || !File.Exists(submissionPath))
        {
            return GradeResult.Invalid($"submission file not found: {submissionPath}");
        }

        if (!submissionPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return GradeResult.Invalid($"the submission must be a .csv file, got '{Path.GetFileName(submissionPath)}'");
        }

        CsvTable submission;
        try
        {
            submission = CsvTable.Read(submissionPath);
        }
        catch (UserFacingException ex)
        {
            return GradeResult.Invalid(ex.Message);
        }

        return Grade(task, submission, answers);
    }

    /// <summary>Grades an in-memory submission table against in-memory answers.</summary>
    public GradeResult Grade(TaskSpec task, CsvTable submission, CsvTable answers)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(answers);
        var metric = MetricRegistry.Get(task.Metric);
        var answerColumns = AnswerLayout.Columns(task, answers);
        if (CheckColumns(task, submission) is { } columnProblem)
        {
            return GradeResult.Invalid(columnProblem);
        }

        if (submission.RowCount != answers.RowCount)
        {
            return GradeResult.Invalid($"the submission has {submission.RowCount} rows; expected {answers.RowCount} (one per test id)");
        }

        var answerIds = answers.Column(task.IdColumn);
        var submittedIds = submission.Column(task.IdColumn);
        var numericIds = AllNumbers(answerIds) && AllNumbers(submittedIds);
        var rowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < submittedIds.Length; r++)
        {
            var key = IdKey(submittedIds[r], numericIds);
            if (!rowOfId.TryAdd(key, r))
            {
                return GradeResult.Invalid(
                    $"duplicate id '{submittedIds[r]}' in column '{task.IdColumn}' (lines {submission.LineOf(rowOfId[key])} and {submission.LineOf(r)})");
            }
        }

        var answerKeys = answerIds.Select(id => IdKey(id, numericIds)).ToArray();
        var missing = answerIds.Where((_, i) => !rowOfId.ContainsKey(answerKeys[i])).ToList();
        if (missing.Count > 0)
        {
            var known = answerKeys.ToHashSet(StringComparer.Ordinal);
            var extra = submittedIds.Where(id => !known.Contains(IdKey(id, numericIds))).ToList();
            return GradeResult.Invalid(
                $"{missing.Count} id(s) of the test set are missing (e.g. {Examples(missing)})" + (extra.Count > 0 ? $" and {extra.Count} id(s) are not in the test set (e.g. {Examples(extra)})" : ""));
        }

        var order = answerKeys.Select(k => rowOfId[k]).ToArray();
        var input = new MetricInput
        {
            Columns = task.TargetColumns,
            Answers = answerColumns,
            Predictions = task.TargetColumns.Select(c => Aligned(submission.Column(c), order)).ToArray(),
            PositiveLabel = task.PositiveLabel,
            MultiLabel = task.TaskType == TaskType.MultiLabel,
            RowIds = answerIds,
        };

        try
        {
            var score = metric.Score(input);
            return double.IsFinite(score)
                ? GradeResult.Valid(score)
                : GradeResult.Invalid($"{metric.Name} is undefined for this submission (the score is {score})");
        }
        catch (InvalidPredictionException ex)
        {
            return GradeResult.Invalid(ex.Message);
        }
        catch (MetricUndefinedException ex)
        {
            return GradeResult.Invalid($"{metric.Name} is undefined: {ex.Message}");
        }
    }

    private static string? CheckColumns(TaskSpec task, CsvTable submission)
    {
        var expected = new List<string> { task.IdColumn };
        expected.AddRange(task.TargetColumns);
        var missing = expected.Where(c => submission.ColumnIndex(c) < 0).ToList();
        var extra = submission.Columns.Where(c => !expected.Contains(c)).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing column(s) {string.Join(", ", missing.Select(c => $"'{c}'"))}");
        }

        if (extra.Count > 0)
        {
            parts.Add($"unexpected column(s) {string.Join(", ", extra.Select(c => $"'{c}'"))}");
        }

        return $"{string.Join(" and ", parts)}; expected columns: {string.Join(", ", expected)}";
    }

    private static string[] Aligned(string[] values, int[] order) => order.Select(r => values[r]).ToArray();

    private static bool AllNumbers(string[] ids) => ids.All(id => NumberParsing.TryParse(id, out var v) && double.IsFinite(v));

    private static string IdKey(string id, bool numeric) => numeric ? NumberParsing.Format(NumberParsing.Parse(id)) : id.Trim();

    private static string Examples(List<string> ids) =>
        string.Join(", ", ids.Take(ExampleCount).Select(i => $"'{i}'")) + (ids.Count > ExampleCount ? ", ..." : "");
}
