using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;

namespace AgentML.Search.Data;

/// <summary>
/// Makes a run's <see cref="FoldPlan"/>: seals a check set (stratified for classes; a class with one member always stays
/// in training), deals the other training rows to K folds (stratified for classes, by target bins for regression),
/// and stages the input folders programs see. train.csv always carries the id column (row numbers when the task's
/// training data has none or repeats ids), so that out-of-fold predictions can be matched row by row.
/// </summary>
public sealed class FoldPlanner
{
    /// <summary>Writes the plan under <paramref name="directory"/> (full/, low/, answers-train.csv, answers-check.csv).</summary>
    public FoldPlan Create(TaskSpec task, SolveSettings settings, bool lowFidelity, string directory)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        var source = CsvTable.Read(task.TrainPath);
        if (source.Rows.Count < 10)
        {
            throw new UserFacingException($"{task.TrainPath}: {source.Rows.Count} data rows; at least 10 are needed to score programs on folds.");
        }

        var test = File.Exists(task.TestPath) ? CsvTable.Read(task.TestPath) : null;
        var (withIds, lacks) = WithoutColumnsTestLacks(task, WithIds(task, source), test);
        var targetIndexes = task.TrainTargetColumns.Select(c => RequireColumn(withIds, c, task.TrainPath)).ToArray();
        // Rows without a label teach nothing and cannot be graded (programs drop them too).
        var train = new CsvTable(withIds.Columns, withIds.Rows.Where(r => targetIndexes.All(i => !string.IsNullOrWhiteSpace(r[i]))).ToList());
        if (train.Rows.Count < 10)
        {
            throw new UserFacingException($"{task.TrainPath}: {train.Rows.Count} rows have a value in every target column; at least 10 are needed.");
        }

        var idIndex = train.ColumnIndex(task.IdColumn);
        var classes = task.TaskType is TaskType.Binary or TaskType.Multiclass;
        var labels = classes ? train.Rows.Select(r => r[targetIndexes[0]]).ToArray() : null;
        var rng = new Random(settings.Seed);

        var times = TimesOf(task, train);
        var groups = times is null ? GroupsOf(task, train) : null; // time order wins: its blocks already keep neighbours together
        var checkCount = CheckCount(train.Rows.Count, settings);
        var (checkRows, trainRows) = checkCount == 0 ? ([], [.. Enumerable.Range(0, train.Rows.Count)])
            : times is not null ? RowDealing.SplitLatest(times, checkCount, labels)
            : groups is null ? RowDealing.SplitIndices(train.Rows.Count, checkCount, labels, rng) : RowDealing.SplitGroups(groups, checkCount, labels, rng);
        if (trainRows.Count > settings.MaxDevTrainRows)
        {
            trainRows = RowDealing.Subsample(trainRows, settings.MaxDevTrainRows, labels, rng);
        }

        var k = FoldCount(trainRows.Count, settings);
        int? regressionIndex = !classes && task.TaskType == TaskType.Regression && targetIndexes.Length == 1 ? targetIndexes[0] : null;
        var folds = DealFolds(train, trainRows, labels, regressionIndex, groups, times, k, rng);

        var sample = CsvTable.Read(task.SampleSubmissionPath);
        var taskTest = settings.PredictTestDuringSearch && test is not null ? TaskTestRows(task, train, targetIndexes, test, sample, settings) : null;
        var checkIds = CheckIds(train, checkRows, idIndex, taskTest is null ? [] : sample.Column(task.IdColumn));

        var staging = new InputStaging(task, train, targetIndexes, sample);
        var fullDir = Path.Combine(directory, "full");
        staging.Write(fullDir, trainRows, folds, checkRows, checkIds, taskTest);
        var trainIds = trainRows.Select(i => train.Rows[i][idIndex]).ToArray();
        var trainAnswers = Path.Combine(directory, "answers-train.csv");
        AnswersWriter.Write(task, train, trainRows, targetIndexes, trainIds, trainAnswers);
        var checkAnswers = Path.Combine(directory, "answers-check.csv");
        AnswersWriter.Write(task, train, checkRows, targetIndexes, checkIds, checkAnswers);

        string? lowDir = null;
        var lowRows = 0;
        if (lowFidelity)
        {
            var positions = Enumerable.Range(0, trainRows.Count).ToList();
            var lowCount = Math.Max(Math.Min(50 * k, trainRows.Count), (int)(trainRows.Count * settings.LowFidelityFraction));
            var low = RowDealing.Subsample(positions, lowCount, labels is null ? null : trainRows.Select(i => labels[i]).ToArray(), rng);
            lowDir = Path.Combine(directory, "low");
            staging.Write(lowDir, low.Select(p => trainRows[p]).ToList(), low.Select(p => folds[p]).ToArray(), checkRows, checkIds, null);
            lowRows = low.Count;
        }

        var (refitDir, refitAnswers) = settings.Refit != RefitMode.Never && taskTest is not null && checkRows.Count > 0
            ? StageRefit(task, train, targetIndexes, staging, trainRows, folds, checkRows, DealFolds(train, checkRows, labels, regressionIndex, groups, times, k, rng), directory, taskTest.Value)
            : (null, null);

        return new FoldPlan
        {
            Seed = settings.Seed,
            FoldCount = k,
            Strategy = times is not null ? "time-blocked" : groups is not null ? "grouped" : classes ? "stratified" : regressionIndex is not null ? "binned" : "random",
            SourceRows = source.Rows.Count,
            TrainRows = trainRows.Count,
            CheckRows = checkRows.Count,
            TaskTestRows = taskTest?.Test.Count ?? 0,
            TestLacksColumns = lacks,
            LowTrainRows = lowRows,
            FullInputDirectory = fullDir,
            LowInputDirectory = lowDir,
            TrainAnswersPath = trainAnswers,
            CheckAnswersPath = checkAnswers,
            RefitInputDirectory = refitDir,
            RefitAnswersPath = refitAnswers,
        };
    }

    /// <summary>
    /// Stages refit/: every labelled row the run holds (the training rows in their folds, then the check rows dealt to
    /// the same K folds the same way) against the task's test rows, and answers-refit.csv, so that a refit does what the
    /// search run did on ~1/(1-check share) more rows and its out-of-fold predictions can still be graded.
    /// </summary>
    private static (string Directory, string Answers) StageRefit(TaskSpec task, CsvTable train, int[] targetIndexes, InputStaging staging,
        List<int> trainRows, int[] folds, List<int> checkRows, int[] checkFolds, string directory, (List<string[]> Test, List<string[]> Sample) taskTest)
    {
        var rows = trainRows.Concat(checkRows).ToList();
        var refitDir = Path.Combine(directory, "refit");
        staging.Write(refitDir, rows, [.. folds, .. checkFolds], [], [], taskTest);
        var idIndex = train.ColumnIndex(task.IdColumn);
        var answers = Path.Combine(directory, "answers-refit.csv");
        AnswersWriter.Write(task, train, rows, targetIndexes, rows.Select(i => train.Rows[i][idIndex]).ToArray(), answers);
        return (refitDir, answers);
    }

    /// <summary>The check set's size: <see cref="SolveSettings.CheckFraction"/> of the rows within its bounds; none below 60 rows.</summary>
    internal static int CheckCount(int rows, SolveSettings settings) =>
        rows < 60 ? 0 : Math.Clamp((int)Math.Round(rows * settings.CheckFraction), 10, settings.MaxCheckRows);

    /// <summary>K: the setting, else 5, or 3 for large data or a short budget.</summary>
    internal static int FoldCount(int trainRows, SolveSettings settings)
    {
        var k = settings.Folds ?? (trainRows >= 100_000 || (settings.TimeBudget < TimeSpan.FromMinutes(3) && trainRows >= 20_000) ? 3 : 5);
        return Math.Clamp(k, 2, Math.Max(2, trainRows / 2));
    }

    /// <summary>
    /// The training table with a usable id column: the task's when every row has a distinct one, else row numbers
    /// (in the task's id column, added first when missing). Ids are never features, so programs lose nothing.
    /// </summary>
    private static CsvTable WithIds(TaskSpec task, CsvTable train)
    {
        var index = train.ColumnIndex(task.IdColumn);
        if (index >= 0)
        {
            var ids = train.Column(index);
            if (ids.Distinct(StringComparer.Ordinal).Count() == ids.Length && ids.All(id => id.Length > 0))
            {
                return train;
            }

            return new CsvTable(train.Columns, train.Rows.Select((r, i) => { var row = (string[])r.Clone(); row[index] = Number(i); return row; }).ToList());
        }

        return new CsvTable([task.IdColumn, .. train.Columns], train.Rows.Select((r, i) => (string[])[Number(i), .. r]).ToList());
    }

    private static string Number(int row) => (row + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The check rows' ids: their own, unless one could be confused with a task test id (then fresh numbers or names).</summary>
    private static string[] CheckIds(CsvTable train, IReadOnlyList<int> checkRows, int idIndex, IReadOnlyList<string> taskTestIds)
    {
        var own = checkRows.Select(i => train.Rows[i][idIndex]).ToArray();
        var taken = taskTestIds.ToHashSet(StringComparer.Ordinal);
        if (!own.Any(taken.Contains))
        {
            return own;
        }

        var all = train.Column(idIndex).Concat(taskTestIds).ToList();
        if (all.All(id => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            var next = all.Max(id => long.Parse(id, CultureInfo.InvariantCulture)) + 1;
            return own.Select((_, k) => (next + k).ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        return own.Select((_, k) => $"check-{k + 1}").ToArray();
    }

    /// <summary>
    /// The task's test rows in the training table's column order (targets left out), and its sample submission rows;
    /// null when they cannot ride along: a test column missing, repeated test ids, or a test set over the cap.
    /// </summary>
    private static (List<string[]> Test, List<string[]> Sample)? TaskTestRows(TaskSpec task, CsvTable train, int[] targetIndexes, CsvTable test, CsvTable sample, SolveSettings settings)
    {
        var sampleId = sample.ColumnIndex(task.IdColumn);
        if (sampleId < 0 || sample.Rows.Count == 0 || sample.Rows.Count > settings.MaxSearchTestRows)
        {
            return null;
        }

        var keep = Enumerable.Range(0, train.Columns.Count).Where(c => !targetIndexes.Contains(c)).ToArray();
        var map = keep.Select(c => test.ColumnIndex(train.Columns[c])).ToArray();
        var testIds = test.ColumnIndex(task.IdColumn) is var t and >= 0 ? test.Column(t).ToHashSet(StringComparer.Ordinal) : null;
        if (map.Any(i => i < 0) || testIds is null || testIds.Count != test.Rows.Count || sample.Column(sampleId).Any(id => !testIds.Contains(id)))
        {
            return null;
        }

        return (test.Rows.Select(r => map.Select(i => r[i]).ToArray()).ToList(), [.. sample.Rows]);
    }

    /// <summary>
    /// The training table without the feature columns the task's test.csv lacks (no model can use them on the test
    /// rows), and their names; unchanged when there is no test table or it shares no feature column with it.
    /// </summary>
    private static (CsvTable Table, IReadOnlyList<string> Lacks) WithoutColumnsTestLacks(TaskSpec task, CsvTable train, CsvTable? test)
    {
        if (test is null)
        {
            return (train, []);
        }

        var testColumns = test.Columns.ToHashSet(StringComparer.Ordinal);
        var lacks = train.Columns.Where(c => c != task.IdColumn && c != task.GroupColumn && !task.TrainTargetColumns.Contains(c) && !testColumns.Contains(c)).ToList();
        var features = train.Columns.Count(c => c != task.IdColumn && !task.TrainTargetColumns.Contains(c));
        if (lacks.Count == 0 || lacks.Count == features)
        {
            return (train, []);
        }

        var kept = Enumerable.Range(0, train.Columns.Count).Where(c => !lacks.Contains(train.Columns[c])).ToArray();
        return (new CsvTable([.. kept.Select(c => train.Columns[c])], [.. train.Rows.Select(r => kept.Select(c => r[c]).ToArray())]), lacks);
    }

    private static int RequireColumn(CsvTable table, string column, string path)
    {
        var index = table.ColumnIndex(column);
        return index >= 0
            ? index
            : throw new UserFacingException($"{path}: target column '{column}' is missing (columns: {string.Join(", ", table.Columns)}).");
    }

    /// <summary>
    /// Deals <paramref name="rows"/> to K folds: contiguous blocks of time when the task names a time column, whole
    /// groups when it names a group column, else stratified by class when there are labels, by target bins for a single
    /// numeric regression target, else at random.
    /// </summary>
    private static int[] DealFolds(CsvTable train, IReadOnlyList<int> rows, string[]? labels, int? regressionIndex, string[]? groups, double[]? times, int k, Random rng)
    {
        if (times is not null)
        {
            return RowDealing.TimeBlockFolds(rows.Select(i => times[i]).ToArray(), k);
        }

        if (groups is not null)
        {
            return RowDealing.GroupedFolds(rows.Select(i => groups[i]).ToArray(), k, rng);
        }

        if (labels is not null)
        {
            return RowDealing.StratifiedFolds(rows.Select(i => labels[i]).ToArray(), k, rng);
        }

        var target = regressionIndex is { } column
            ? rows.Select(i => double.TryParse(train.Rows[i][column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray()
            : null;
        return target is not null && target.All(double.IsFinite) ? RowDealing.BinnedFolds(target, k, rng) : RowDealing.RandomFolds(rows.Count, k, rng);
    }

    /// <summary>
    /// Each row's position in time (the task's time column read as a number or a date; rows whose value reads as
    /// neither come first, as the oldest); null when the task names no time column or fewer than half its values read.
    /// </summary>
    private static double[]? TimesOf(TaskSpec task, CsvTable train)
    {
        if (task.TimeColumn is not { } column || train.ColumnIndex(column) is not (var index and >= 0))
        {
            return null;
        }

        var times = train.Rows.Select(r => TimeValue(r[index])).ToArray();
        return times.Count(double.IsFinite) * 2 >= times.Length ? [.. times.Select(t => double.IsFinite(t) ? t : double.NegativeInfinity)] : null;
    }

    private static double TimeValue(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date.Ticks
        : double.NaN;

    /// <summary>
    /// Each row's group (the task's group column; a row with an empty value is a group of its own); null when the task
    /// names no group column or it is not in the table.
    /// </summary>
    private static string[]? GroupsOf(TaskSpec task, CsvTable train) =>
        task.GroupColumn is { } column && train.ColumnIndex(column) is var index and >= 0
            ? train.Rows.Select((r, i) => r[index].Length > 0 ? "=" + r[index] : "#" + Number(i)).ToArray()
            : null;
}
