using AgentML.Core.Data;
using AgentML.Core.Metrics;

namespace AgentML.Core.Grading;

/// <summary>An MLE-bench leaderboard: scores ordered by final rank, best first (only the `score` column is read).</summary>
public sealed class Leaderboard
{
    public Leaderboard(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Scores = scores.ToArray();
        if (Scores.Count == 0)
        {
            throw new UserFacingException("the leaderboard has no rows; medal thresholds need at least one score");
        }
    }

    /// <summary>Scores, best first.</summary>
    public IReadOnlyList<double> Scores { get; }

    public int Count => Scores.Count;

    /// <summary>Lower is better when the first score is lower than the last; ties mean higher is better (MLE-bench).</summary>
    public bool IsLowerBetter => Scores[0] < Scores[^1];

    /// <summary>The median of all scores (mean of the two middle ones for an even count), as pandas' median.</summary>
    public double Median
    {
        get
        {
            var sorted = Scores.Order().ToArray();
            var n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        }
    }

    /// <summary>Reads leaderboard.csv; throws <see cref="UserFacingException"/> naming the file and line of a bad score.</summary>
    public static Leaderboard Read(string path)
    {
        var table = CsvTable.Read(path);
        if (table.ColumnIndex("score") < 0)
        {
            throw new UserFacingException($"{path}: no 'score' column (columns: {string.Join(", ", table.Columns)})");
        }

        var cells = table.Column("score");
        var scores = new double[cells.Length];
        for (var r = 0; r < cells.Length; r++)
        {
            if (!NumberParsing.TryParse(cells[r], out scores[r]) || !double.IsFinite(scores[r]))
            {
                throw new UserFacingException($"{path}: line {table.LineOf(r)}, column 'score': '{cells[r]}' is not a number");
            }
        }

        return table.RowCount == 0 ? throw new UserFacingException($"{path}: the leaderboard has no rows") : new Leaderboard(scores);
    }

    /// <summary>The score at 1-based position <paramref name="position"/>.</summary>
    public double At(int position) => Scores[position - 1];

    /// <summary>Gold, silver, bronze and median thresholds by MLE-bench's rules.</summary>
    public MedalThresholds Thresholds() => MedalThresholds.From(this);
}
