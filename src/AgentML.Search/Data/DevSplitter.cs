using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Search.Data;

/// <summary>
/// Makes the development split: a seeded (stratified for classification) hold-out of the task's training rows,
/// with labels removed from its test.csv, a sample submission in the task's format and the answers in the task's
/// answers layout (one-hot columns for per-class probabilities). Optionally a low-fidelity input with fewer
/// training rows and the same test set. When it is cheap and the ids cannot be confused, the full-fidelity test.csv
/// also carries the task's real test rows after the held-out ones: every candidate then predicts the real test set
/// as well, and the search keeps a valid submission from its first working program on.
/// </summary>
public sealed class DevSplitter
{
    /// <summary>Writes the split under <paramref name="directory"/> (full/, low/, answers.csv).</summary>
    public DevSplit Create(TaskSpec task, SolveSettings settings, bool lowFidelity, string directory)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        var train = CsvTable.Read(task.TrainPath);
        if (train.Rows.Count < 10)
        {
            throw new UserFacingException($"{task.TrainPath}: {train.Rows.Count} data rows; at least 10 are needed to hold some out for scoring.");
        }

        var sample = CsvTable.Read(task.SampleSubmissionPath);
        var idIndex = train.ColumnIndex(task.IdColumn);
        var targetIndexes = task.TrainTargetColumns.Select(c => RequireColumn(train, c, task.TrainPath)).ToArray();
        var stratify = task.TaskType is TaskType.Binary or TaskType.Multiclass;
        var labels = stratify ? train.Rows.Select(r => r[targetIndexes[0]]).ToArray() : null;
        var rng = new Random(settings.Seed);

        var testCount = Math.Clamp((int)Math.Round(train.Rows.Count * settings.DevTestFraction), 1, settings.MaxDevTestRows);
        var (testRows, trainRows) = SplitIndices(train.Rows.Count, testCount, labels, rng);
        if (trainRows.Count > settings.MaxDevTrainRows)
        {
            trainRows = Subsample(trainRows, settings.MaxDevTrainRows, labels, rng);
        }

        var fullDir = Path.Combine(directory, "full");
        var ids = testRows.Select(i => idIndex >= 0 ? train.Rows[i][idIndex] : (i + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
        var taskTest = settings.PredictTestDuringSearch ? TaskTestRows(task, train, targetIndexes, idIndex, sample, trainRows.Count, settings) : null;
        WriteInput(task, train, trainRows, testRows, targetIndexes, idIndex, ids, sample, fullDir, taskTest);
        var answersPath = Path.Combine(directory, "answers.csv");
        AnswersWriter.Write(task, train, testRows, targetIndexes, ids, answersPath);

        string? lowDir = null;
        var lowRows = 0;
        if (lowFidelity)
        {
            var lowCount = Math.Max(Math.Min(50, trainRows.Count), (int)(trainRows.Count * settings.LowFidelityFraction));
            var low = Subsample(trainRows, lowCount, labels, rng);
            lowDir = Path.Combine(directory, "low");
            WriteInput(task, train, low, testRows, targetIndexes, idIndex, ids, sample, lowDir);
            lowRows = low.Count;
        }

        return new DevSplit
        {
            Seed = settings.Seed,
            Stratified = stratify,
            SourceRows = train.Rows.Count,
            TrainRows = trainRows.Count,
            TestRows = testRows.Count,
            TaskTestRows = taskTest?.Test.Count ?? 0,
            LowTrainRows = lowRows,
            FullInputDirectory = fullDir,
            LowInputDirectory = lowDir,
            AnswersPath = answersPath,
        };
    }

    /// <summary>
    /// The task's test rows in the development test's column order, and its sample submission rows; null when they
    /// cannot ride along: no id column in train.csv, a test column missing, ids shared with the training data (the
    /// two parts could not be told apart), or a test set too big to predict at every candidate.
    /// </summary>
    private static (List<string[]> Test, List<string[]> Sample)? TaskTestRows(
        TaskSpec task, CsvTable train, int[] targetIndexes, int idIndex, CsvTable sample, int devTrainRows, SolveSettings settings)
    {
        var sampleId = sample.ColumnIndex(task.IdColumn);
        if (idIndex < 0 || sampleId < 0 || sample.Rows.Count == 0 || sample.Rows.Count > Math.Min(settings.MaxSearchTestRows, Math.Max(devTrainRows, 1000)))
        {
            return null;
        }

        var test = CsvTable.Read(task.TestPath);
        var keep = Enumerable.Range(0, train.Columns.Count).Where(c => !targetIndexes.Contains(c)).ToArray();
        var map = keep.Select(c => test.ColumnIndex(train.Columns[c])).ToArray();
        var testIds = test.ColumnIndex(task.IdColumn) is var t and >= 0 ? test.Column(t).ToHashSet(StringComparer.Ordinal) : null;
        if (map.Any(i => i < 0) || testIds is null || testIds.Count != test.Rows.Count
            || train.Column(idIndex).Any(testIds.Contains) || sample.Column(sampleId).Any(id => !testIds.Contains(id)))
        {
            return null;
        }

        return (test.Rows.Select(r => map.Select(i => r[i]).ToArray()).ToList(), [.. sample.Rows]);
    }

    private static int RequireColumn(CsvTable table, string column, string path)
    {
        var index = table.ColumnIndex(column);
        return index >= 0
            ? index
            : throw new UserFacingException($"{path}: target column '{column}' is missing (columns: {string.Join(", ", table.Columns)}).");
    }

    /// <summary>Seeded hold-out of <paramref name="testCount"/> rows, per class in proportion when labels are given.</summary>
    internal static (List<int> Test, List<int> Train) SplitIndices(int rowCount, int testCount, IReadOnlyList<string>? labels, Random rng)
    {
        var test = Subsample(Enumerable.Range(0, rowCount).ToList(), testCount, labels, rng);
        var inTest = new HashSet<int>(test);
        var train = Enumerable.Range(0, rowCount).Where(i => !inTest.Contains(i)).ToList();
        return (test, train);
    }

    /// <summary>
    /// A seeded subset of <paramref name="rows"/> of about <paramref name="count"/> rows, in original order; with
    /// labels, every class keeps its share and classes with two or more rows keep at least one on each side.
    /// </summary>
    internal static List<int> Subsample(IReadOnlyList<int> rows, int count, IReadOnlyList<string>? labels, Random rng)
    {
        if (count >= rows.Count)
        {
            return [.. rows];
        }

        var chosen = new List<int>(count);
        if (labels is null)
        {
            chosen.AddRange(Shuffled(rows, rng).Take(count));
        }
        else
        {
            var share = (double)count / rows.Count;
            foreach (var group in rows.GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = group.ToList();
                var take = (int)Math.Round(members.Count * share);
                if (members.Count >= 2)
                {
                    take = Math.Clamp(take, 1, members.Count - 1);
                }

                chosen.AddRange(Shuffled(members, rng).Take(take));
            }
        }

        chosen.Sort();
        return chosen;
    }

    private static List<int> Shuffled(IReadOnlyList<int> items, Random rng)
    {
        var copy = items.ToArray();
        rng.Shuffle(copy);
        return [.. copy];
    }

    private static void WriteInput(
        TaskSpec task, CsvTable train, IReadOnlyList<int> trainRows, IReadOnlyList<int> testRows, int[] targetIndexes,
        int idIndex, string[] ids, CsvTable sample, string directory, (List<string[]> Test, List<string[]> Sample)? taskTest = null)
    {
        Directory.CreateDirectory(directory);
        new CsvTable(train.Columns, trainRows.Select(i => train.Rows[i]).ToList()).Write(Path.Combine(directory, "train.csv"));

        var keep = Enumerable.Range(0, train.Columns.Count).Where(c => !targetIndexes.Contains(c)).ToArray();
        var testRowsOut = testRows.Select((i, k) =>
        {
            var row = keep.Select(c => train.Rows[i][c]).ToArray();
            if (idIndex < 0)
            {
                row = [ids[k], .. row];
            }

            return row;
        }).ToList();
        var testColumns = keep.Select(c => train.Columns[c]).ToList();
        if (idIndex < 0)
        {
            testColumns.Insert(0, task.IdColumn);
        }

        testRowsOut.AddRange(taskTest?.Test ?? []);
        new CsvTable(testColumns, testRowsOut).Write(Path.Combine(directory, "test.csv"));

        var template = sample.Rows.Count > 0 ? sample.Rows[0] : sample.Columns.Select(_ => "0").ToArray();
        var sampleId = sample.ColumnIndex(task.IdColumn);
        var sampleRows = ids.Select(id =>
        {
            var row = (string[])template.Clone();
            if (sampleId >= 0)
            {
                row[sampleId] = id;
            }

            return row;
        }).ToList();
        sampleRows.AddRange(taskTest?.Sample ?? []);
        new CsvTable(sample.Columns, sampleRows).Write(Path.Combine(directory, "sample_submission.csv"));

        CopyOtherFiles(task, directory);
    }

    /// <summary>Copies the task's other public files (not train/test/sample submission) so programs see the same folder layout.</summary>
    private static void CopyOtherFiles(TaskSpec task, string directory)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.GetFullPath(task.TrainPath), Path.GetFullPath(task.TestPath), Path.GetFullPath(task.SampleSubmissionPath),
        };
        if (!Directory.Exists(task.PublicDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(task.PublicDirectory, "*", SearchOption.AllDirectories))
        {
            var full = Path.GetFullPath(file);
            var relative = Path.GetRelativePath(task.PublicDirectory, full);
            if (skip.Contains(full) || relative.StartsWith("private", StringComparison.Ordinal) || (task.AnswersPath is { } answers && full == Path.GetFullPath(answers)))
            {
                continue;
            }

            var target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(full, target, overwrite: true);
        }
    }
}
