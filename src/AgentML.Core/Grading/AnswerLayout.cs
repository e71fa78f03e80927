using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Core.Grading;

/// <summary>Reads the answer columns of a task in submission format, from answers in submission format or with the train label column.</summary>
internal static class AnswerLayout
{
    public static string[][] Columns(TaskSpec task, CsvTable answers)
    {
        if (answers.ColumnIndex(task.IdColumn) < 0)
        {
            throw new UserFacingException($"{answers.SourcePath}: the answers have no id column '{task.IdColumn}' (columns: {string.Join(", ", answers.Columns)})");
        }

        if (task.TargetColumns.All(c => answers.ColumnIndex(c) >= 0))
        {
            return task.TargetColumns.Select(answers.Column).ToArray();
        }

        if (task.SubmissionFormat == SubmissionFormat.ClassProbabilities && task.TrainTargetColumns.Count == 1
            && answers.ColumnIndex(task.TrainTargetColumns[0]) >= 0)
        {
            var labels = answers.Column(task.TrainTargetColumns[0]).Select(l => l.Trim()).ToArray();
            // Each column stands for a label ("Class_4" for 4), also one that only the answers hold.
            var known = task.ClassLabels.Concat(labels).Distinct(StringComparer.Ordinal).ToList();
            var ofColumn = ColumnNames.ClassOfColumns(task.TargetColumns, known);
            return task.TargetColumns.Select((_, i) => task.TargetClassLabels.ElementAtOrDefault(i) ?? ofColumn?[i] ?? task.TargetColumns[i])
                .Select(c => labels.Select(l => string.Equals(l, c, StringComparison.OrdinalIgnoreCase) ? "1" : "0").ToArray()).ToArray();
        }

        if (task.TargetColumns.Count == task.TrainTargetColumns.Count && task.TrainTargetColumns.All(c => answers.ColumnIndex(c) >= 0))
        {
            return task.TrainTargetColumns.Select(answers.Column).ToArray();
        }

        throw new UserFacingException(
            $"{answers.SourcePath}: the answers lack the target column(s) {string.Join(", ", task.TargetColumns.Where(c => answers.ColumnIndex(c) < 0))} (columns: {string.Join(", ", answers.Columns)})");
    }
}
