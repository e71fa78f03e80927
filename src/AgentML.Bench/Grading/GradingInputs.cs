using AgentML.Bench.Competitions;
using AgentML.Core.Data;

namespace AgentML.Bench.Grading;

/// <summary>
/// Applies a competition's <see cref="GradingAdjustments"/> before Core grades it: keeps only the id and target columns
/// (MLE-bench ignores a submission's extra columns) and drops unscored answer rows (targets summing below zero) and the
/// submission's rows with those ids. Adjusted files go to a private temporary folder, deleted on dispose.
/// </summary>
internal sealed class GradingInputs : IDisposable
{
    private readonly string? tempDirectory;

    private GradingInputs(string submissionPath, string answersPath, string? tempDirectory)
    {
        SubmissionPath = submissionPath;
        AnswersPath = answersPath;
        this.tempDirectory = tempDirectory;
    }

    public string SubmissionPath { get; }

    public string AnswersPath { get; }

    public static GradingInputs Prepare(BenchCompetition competition, string submissionPath, string answersPath)
    {
        var adjust = competition.Adjustments;
        if (!adjust.ProjectToTargets && !adjust.SkipNegativeAnswerRows)
        {
            return new GradingInputs(submissionPath, answersPath, null);
        }

        var task = competition.Task;
        var keep = new[] { task.IdColumn }.Concat(task.TargetColumns).ToArray();
        var answers = Project(CsvTable.Read(answersPath), keep);
        var submission = CsvTable.Read(submissionPath);
        if (keep.All(c => submission.ColumnIndex(c) >= 0))
        {
            submission = Project(submission, keep);
        }

        if (adjust.SkipNegativeAnswerRows)
        {
            var dropped = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<string[]>();
            foreach (var row in answers.Rows)
            {
                var sum = row.Skip(1).Sum(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0);
                if (sum < 0)
                {
                    dropped.Add(row[0]);
                }
                else
                {
                    kept.Add(row);
                }
            }

            answers = new CsvTable(answers.Columns, kept);
            var idIndex = submission.ColumnIndex(task.IdColumn);
            if (idIndex >= 0 && dropped.Count > 0)
            {
                submission = new CsvTable(submission.Columns, submission.Rows.Where(r => idIndex >= r.Length || !dropped.Contains(r[idIndex])).ToArray());
            }
        }

        var dir = Path.Combine(Path.GetTempPath(), "agentml-grade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var sub = Path.Combine(dir, "submission.csv");
        var ans = Path.Combine(dir, "answers.csv");
        submission.Write(sub);
        answers.Write(ans);
        return new GradingInputs(sub, ans, dir);
    }

    public void Dispose()
    {
        if (tempDirectory is not null && Directory.Exists(tempDirectory))
        {
            Directory.Delete(tempDirectory, recursive: true);
        }
    }

    private static CsvTable Project(CsvTable table, IReadOnlyList<string> columns)
    {
        var indexes = columns.Select(table.ColumnIndex).ToArray();
        if (indexes.Any(i => i < 0))
        {
            return table;
        }

        var rows = table.Rows.Select(r => indexes.Select(i => i < r.Length ? r[i] : "").ToArray()).ToArray();
        return new CsvTable(columns, rows);
    }
}
