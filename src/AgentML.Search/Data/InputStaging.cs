using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Search.Data;

/// <summary>
/// Writes one input folder of a fold plan: train.csv (the chosen training rows), folds.csv (their folds), test.csv
/// (the check rows without labels, then the task's test rows when they ride along), sample_submission.csv for those
/// rows, and the task's other public files.
/// </summary>
internal sealed class InputStaging(TaskSpec task, CsvTable train, int[] targetIndexes, CsvTable sample)
{
    public void Write(string directory, IReadOnlyList<int> trainRows, IReadOnlyList<int> folds, IReadOnlyList<int> checkRows,
        IReadOnlyList<string> checkIds, (List<string[]> Test, List<string[]> Sample)? taskTest)
    {
        Directory.CreateDirectory(directory);
        new CsvTable(train.Columns, trainRows.Select(i => train.Rows[i]).ToList()).Write(Path.Combine(directory, TaskInput.TrainFile));

        var idIndex = train.ColumnIndex(task.IdColumn);
        new CsvTable([task.IdColumn, "fold"], trainRows.Select((i, p) => new[] { train.Rows[i][idIndex], folds[p].ToString(CultureInfo.InvariantCulture) }).ToList())
            .Write(Path.Combine(directory, FoldPlan.FoldsFile));

        var keep = Enumerable.Range(0, train.Columns.Count).Where(c => !targetIndexes.Contains(c)).ToArray();
        var testRows = checkRows.Select((i, k) => keep.Select(c => c == idIndex ? checkIds[k] : train.Rows[i][c]).ToArray()).ToList();
        testRows.AddRange(taskTest?.Test ?? []);
        new CsvTable(keep.Select(c => train.Columns[c]).ToList(), testRows).Write(Path.Combine(directory, TaskInput.TestFile));

        var template = sample.Rows.Count > 0 ? sample.Rows[0] : sample.Columns.Select(_ => "0").ToArray();
        var sampleId = sample.ColumnIndex(task.IdColumn);
        var sampleRows = checkIds.Select(id =>
        {
            var row = (string[])template.Clone();
            if (sampleId >= 0)
            {
                row[sampleId] = id;
            }

            return row;
        }).ToList();
        sampleRows.AddRange(taskTest?.Sample ?? []);
        new CsvTable(sample.Columns, sampleRows).Write(Path.Combine(directory, TaskInput.SampleSubmissionFile));

        TaskInput.CopyOtherFiles(task, directory);
    }
}
