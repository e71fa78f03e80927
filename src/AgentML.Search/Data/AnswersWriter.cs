using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Search.Data;

/// <summary>Writes held-out labels in the layout the task's answers use (id column + submission target columns).</summary>
internal static class AnswersWriter
{
    public static void Write(TaskSpec task, CsvTable train, IReadOnlyList<int> rows, int[] targetIndexes, string[] ids, string path)
    {
        var columns = new List<string> { task.IdColumn };
        columns.AddRange(task.TargetColumns);
        var output = new List<string[]>(rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var source = train.Rows[rows[k]];
            output.Add([ids[k], .. Values(task, source, targetIndexes)]);
        }

        new CsvTable(columns, output).Write(path);
    }

    private static IEnumerable<string> Values(TaskSpec task, string[] row, int[] targetIndexes)
    {
        switch (task.SubmissionFormat)
        {
            case SubmissionFormat.ClassProbabilities:
                var label = row[targetIndexes[0]];
                var classes = ClassOfColumn(task);
                return classes.Select(c => string.Equals(c, label, StringComparison.Ordinal) ? "1" : "0");
            case SubmissionFormat.Probability when task.PositiveLabel is not null:
                var value = row[targetIndexes[0]];
                return [IsBinaryNumber(value) ? value : (value == task.PositiveLabel ? "1" : "0")];
            default:
                return targetIndexes.Select(i => row[i]);
        }
    }

    /// <summary>The train label each target column stands for: as the task inferred it, else same name, else same name ignoring case, else by position.</summary>
    private static IReadOnlyList<string> ClassOfColumn(TaskSpec task)
    {
        var result = new List<string>();
        for (var i = 0; i < task.TargetColumns.Count; i++)
        {
            var column = task.TargetColumns[i];
            var match = task.TargetClassLabels.Count == task.TargetColumns.Count ? task.ClassOfTarget(i) : null; // "1" for Class_1 (task inference)
            match ??= task.ClassLabels.FirstOrDefault(l => l == column)
                ?? task.ClassLabels.FirstOrDefault(l => string.Equals(l, column, StringComparison.OrdinalIgnoreCase))
                ?? (i < task.ClassLabels.Count ? task.ClassLabels[i] : column);
            result.Add(match);
        }

        return result;
    }

    private static bool IsBinaryNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (d == 0 || d == 1);
}
