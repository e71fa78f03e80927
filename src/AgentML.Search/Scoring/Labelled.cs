using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;

namespace AgentML.Search.Scoring;

/// <summary>
/// Rows with known labels in the task's answers layout (the staged training rows, or the sealed check rows), read
/// once per run, and the task's metric over any subset of them. Predictions are matched to rows by id.
/// </summary>
internal sealed class Labelled
{
    private readonly Dictionary<string, int> _rowOf;

    private Labelled(TaskSpec task, string[] ids, string[][] columns, int[]? folds)
    {
        Task = task;
        Ids = ids;
        Columns = columns;
        Folds = folds;
        Metric = MetricRegistry.Get(task.Metric);
        _rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            _rowOf.TryAdd(Key(ids[i]), i);
        }
    }

    public TaskSpec Task { get; }

    public IMetric Metric { get; }

    public string[] Ids { get; }

    /// <summary>Answer columns, one per target column of the submission: <c>Columns[column][row]</c>.</summary>
    public string[][] Columns { get; }

    /// <summary>The fold of each row (training rows), or null (check rows).</summary>
    public int[]? Folds { get; }

    public int Count => Ids.Length;

    /// <summary>Reads answers written by the fold planner, with the folds of <paramref name="foldsPath"/> when given.</summary>
    public static Labelled Read(TaskSpec task, string answersPath, string? foldsPath = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var answers = CsvTable.Read(answersPath);
        var ids = answers.Column(task.IdColumn);
        var columns = task.TargetColumns.Select(answers.Column).ToArray();
        int[]? folds = null;
        if (foldsPath is not null)
        {
            var table = CsvTable.Read(foldsPath);
            var foldOf = table.Column(task.IdColumn).Zip(table.Column("fold"))
                .ToDictionary(p => p.First, p => int.Parse(p.Second, CultureInfo.InvariantCulture), StringComparer.Ordinal);
            folds = ids.Select(id => foldOf[id]).ToArray();
        }

        return new Labelled(task, ids, columns, folds);
    }

    /// <summary>The same labels restricted to <paramref name="rows"/> (in that order).</summary>
    public Labelled Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Labelled(Task, Slice(Ids, rows), Columns.Select(c => Slice(c, rows)).ToArray(), Folds is null ? null : rows.Select(r => Folds[r]).ToArray());
    }

    /// <summary>The rows of each fold, in fold order; empty when the rows have no folds (check rows).</summary>
    public IReadOnlyList<int>[] RowsByFold() => Folds is null
        ? []
        : [.. Folds.Select((fold, row) => (fold, row)).GroupBy(p => p.fold).OrderBy(g => g.Key).Select(g => (IReadOnlyList<int>)[.. g.Select(p => p.row)])];

    /// <summary>The row of <paramref name="id"/>, or -1.</summary>
    public int RowOf(string id) => _rowOf.TryGetValue(Key(id), out var row) ? row : -1;

    /// <summary>The metric on <paramref name="rows"/> (all rows when null); throws the metric's exceptions on bad values.</summary>
    public double Score(string[][] predictions, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var input = new MetricInput
        {
            Columns = Task.TargetColumns,
            Answers = rows is null ? Columns : Columns.Select(c => Slice(c, rows)).ToArray(),
            Predictions = rows is null ? predictions : predictions.Select(c => Slice(c, rows)).ToArray(),
            PositiveLabel = Task.PositiveLabel,
            MultiLabel = Task.TaskType == TaskType.MultiLabel,
        };
        return Metric.Score(input);
    }

    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="reference"/>.</summary>
    public bool IsBetter(double candidate, double reference) => Metric.IsBetter(candidate, reference);

    internal static T[] Slice<T>(T[] column, IReadOnlyList<int> rows)
    {
        var result = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = column[rows[i]];
        }

        return result;
    }

    /// <summary>Ids compare as written, and numbers by value ("7" and "7.0").</summary>
    internal static string Key(string id)
    {
        var text = id.Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : text;
    }
}
