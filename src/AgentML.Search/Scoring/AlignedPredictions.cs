using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentML.Core.Data;

namespace AgentML.Search.Scoring;

/// <summary>
/// A program's predictions matched to labelled rows by id: one array per target column in the rows' order, and which
/// rows the program predicted (out-of-fold files of programs that stopped early cover only some folds).
/// </summary>
internal sealed record AlignedPredictions(string[][] Columns, bool[] Present)
{
    public int PresentCount => Present.Count(p => p);

    public bool Complete => Present.All(p => p);

    public IReadOnlyList<int> PresentRows() => Enumerable.Range(0, Present.Length).Where(i => Present[i]).ToList();

    /// <summary>
    /// A digest of the predicted rows and their values, numbers to 6 significant digits (so that two programs writing
    /// the same predictions with different float formatting agree): equal digests, equal predictions.
    /// </summary>
    public string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var culture = CultureInfo.InvariantCulture;
        for (var row = 0; row < Present.Length; row++)
        {
            var line = new StringBuilder().Append(row).Append(':');
            foreach (var column in Columns)
            {
                var value = Present[row] ? column[row] : "";
                line.Append(double.TryParse(value, NumberStyles.Float, culture, out var number) ? number.ToString("G6", culture) : value).Append(',');
            }

            hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }

    /// <summary>
    /// Matches <paramref name="table"/> to <paramref name="rows"/>; rows of <paramref name="table"/> whose id is not
    /// labelled are ignored when <paramref name="ignore"/> says so (e.g. the task's test rows in submission.csv), else
    /// they make it invalid. Returns the reason when the table does not fit (columns, repeated ids, unknown ids, empty values).
    /// </summary>
    public static (AlignedPredictions? Predictions, string? Error) Align(CsvTable table, Labelled rows, Func<string, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var task = rows.Task;
        var missing = new[] { task.IdColumn }.Concat(task.TargetColumns).Where(c => table.ColumnIndex(c) < 0).ToList();
        if (missing.Count > 0)
        {
            return (null, $"missing column(s) {string.Join(", ", missing.Select(c => $"'{c}'"))} (columns: {string.Join(", ", table.Columns)})");
        }

        var idIndex = table.ColumnIndex(task.IdColumn);
        var targetIndexes = task.TargetColumns.Select(table.ColumnIndex).ToArray();
        var columns = task.TargetColumns.Select(_ => new string[rows.Count]).ToArray();
        var present = new bool[rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var id = table.Rows[r][idIndex];
            var row = rows.RowOf(id);
            if (row < 0)
            {
                if (ignore?.Invoke(id) == true)
                {
                    continue;
                }

                return (null, $"id '{id}' (line {table.LineOf(r)}) is not a row of the input it was given");
            }

            if (present[row])
            {
                return (null, $"id '{id}' appears twice (line {table.LineOf(r)})");
            }

            present[row] = true;
            for (var c = 0; c < targetIndexes.Length; c++)
            {
                var value = table.Rows[r][targetIndexes[c]];
                if (string.IsNullOrWhiteSpace(value))
                {
                    return (null, $"empty value in column '{task.TargetColumns[c]}' for id '{id}' (line {table.LineOf(r)})");
                }

                columns[c][row] = value;
            }
        }

        return (new AlignedPredictions(columns, present), null);
    }
}
