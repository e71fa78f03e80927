using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Core.Profiling;

/// <summary>Profiles the columns of a task's train (and test) table.</summary>
public sealed class DataProfiler
{
    /// <summary>Profiles train.csv's columns, counts test rows and the train target's classes.</summary>
    public DataProfile Profile(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var train = CsvTable.Read(task.TrainPath);
        var testRows = CsvTable.Read(task.TestPath).RowCount;
        return Profile(train, task) with { TestRows = testRows };
    }

    /// <summary>Profiles a table; with a task, also the class counts of its train target.</summary>
    public DataProfile Profile(CsvTable table, TaskSpec? task = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new ColumnProfile[table.Columns.Count];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
            columns[c] = ColumnProfiler.Profile(table.Columns[c], table.Column(c)));
        return new DataProfile
        {
            TrainRows = table.RowCount,
            Columns = columns,
            ClassCounts = task is null ? new Dictionary<string, int>() : ClassCounts(table, task),
        };
    }

    private static Dictionary<string, int> ClassCounts(CsvTable train, TaskSpec task)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (task.TaskType == TaskType.Regression)
        {
            return counts;
        }

        if (task.TaskType == TaskType.MultiLabel || task.TrainTargetColumns.Count > 1)
        {
            foreach (var column in task.TrainTargetColumns.Where(c => train.ColumnIndex(c) >= 0))
            {
                counts[column] = train.Column(column).Count(v => v.Trim() is "1" or "1.0" or "True" or "true");
            }

            return counts;
        }

        var target = task.TrainTargetColumns[0];
        if (train.ColumnIndex(target) < 0)
        {
            return counts;
        }

        foreach (var value in train.Column(target))
        {
            if (!ColumnValues.IsMissing(value))
            {
                var key = value.Trim();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
