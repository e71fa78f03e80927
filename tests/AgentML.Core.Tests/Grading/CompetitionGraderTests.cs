using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentML.Core.Tests.Grading;

public sealed class CompetitionGraderTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-grade");

    public static TheoryData<string> TaskNames() => [.. TestPaths.TaskNames()];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Sample_submission_gives_a_rounded_score_and_no_thresholds_without_leaderboard(string name)
    {
        var task = Load(name);
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var report = new CompetitionGrader(new FakeTimeProvider(now)).Grade(task, task.SampleSubmissionPath);

        Assert.True(report.SubmissionExists);
        Assert.True(report.ValidSubmission, report.InvalidReason);
        Assert.NotNull(report.Score);
        Assert.Equal(ScoreRounding.Round(report.Score!.Value), report.Score);
        Assert.Null(report.GoldThreshold);
        Assert.Null(report.MedianThreshold);
        Assert.False(report.AnyMedal);
        Assert.Equal(now, report.CreatedAt);
        Assert.Equal(name, report.CompetitionId);
    }

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Bad_submissions_give_a_clear_one_line_reason(string name)
    {
        var task = Load(name);
        var sample = CsvTable.Read(task.SampleSubmissionPath);
        var rows = sample.Rows.Select(r => r.ToArray()).ToList();
        var firstTarget = sample.ColumnIndex(task.TargetColumns[0]);
        var idIndex = sample.ColumnIndex(task.IdColumn);

        AssertInvalid(task, Write("short.csv", sample.Columns, rows.Skip(1)), "rows");
        AssertInvalid(task, Write("dup.csv", sample.Columns, rows.Select((r, i) => i == 1 ? With(r, idIndex, rows[0][idIndex]) : r)), "duplicate id");
        AssertInvalid(task, Write("extra-id.csv", sample.Columns, rows.Select((r, i) => i == 0 ? With(r, idIndex, "999999999") : r)), "not in the test set");
        AssertInvalid(task, Write("nan.csv", sample.Columns, rows.Select((r, i) => i == 3 ? With(r, firstTarget, "NaN") : r)), task.TaskType is TaskType.Multiclass or TaskType.Binary && task.SubmissionFormat == SubmissionFormat.Label ? "missing label" : "NaN");
        AssertInvalid(task, Write("missing-col.csv", sample.Columns.Where((_, c) => c != firstTarget).ToList(),
            rows.Select(r => r.Where((_, c) => c != firstTarget).ToArray())), "missing column");
        AssertInvalid(task, Write("extra-col.csv", [.. sample.Columns, "extra"], rows.Select(r => (string[])[.. r, "1"])), "unexpected column");
        AssertInvalid(task, Write("sub.txt", sample.Columns, rows), ".csv");
        if (task.SubmissionFormat != SubmissionFormat.Label)
        {
            AssertInvalid(task, Write("text.csv", sample.Columns, rows.Select((r, i) => i == 2 ? With(r, firstTarget, "abc") : r)), "not a number");
        }

        var missing = new CompetitionGrader().Grade(task, _temp.Combine("nope.csv"));
        Assert.False(missing.SubmissionExists);
        Assert.False(missing.ValidSubmission);
        Assert.Null(missing.Score);
    }

    [Fact]
    public void Malformed_csv_is_invalid_with_line_and_column()
    {
        var task = Load("penguin-species");
        var path = _temp.Combine("broken.csv");
        File.WriteAllText(path, "id,Adelie,Chinstrap,Gentoo\n5,0.1,0.2,0.7\n10,0.3,\"0.3,0.4\n");

        var report = new CompetitionGrader().Grade(task, path);

        Assert.False(report.ValidSubmission);
        Assert.Contains("line 3", report.InvalidReason, StringComparison.Ordinal);
        Assert.Contains("column", report.InvalidReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaderboard_gives_thresholds_and_medals()
    {
        var task = Load("penguin-species");
        var board = _temp.Combine("leaderboard.csv");
        // log loss: lower is better; 10 teams: gold pos(1), silver pos(2), bronze pos(4).
        var scores = new[] { 0.01, 0.02, 0.05, 0.5, 0.8, 0.9, 1.0, 1.05, 1.1, 1.2 };
        new CsvTable(["scoreNullable", "teamId", "hasTeamName", "submissionDate", "score", "hasScore"],
            scores.Select((s, i) => new[] { s.ToString("R"), i.ToString(), "True", "2020-01-01", s.ToString("R"), "True" }).ToArray()).Write(board);
        var withBoard = task with { LeaderboardPath = board };

        var report = new CompetitionGrader().Grade(withBoard, task.SampleSubmissionPath);

        Assert.True(report.IsLowerBetter);
        Assert.Equal(0.01, report.GoldThreshold);
        Assert.Equal(0.02, report.SilverThreshold);
        Assert.Equal(0.5, report.BronzeThreshold);
        Assert.Equal(0.85, report.MedianThreshold!.Value, 12);
        Assert.False(report.AnyMedal); // uniform probabilities: log(3) = 1.0986
        Assert.False(report.AboveMedian);

        var perfect = _temp.Combine("perfect.csv");
        File.Copy(task.AnswersPath!, perfect);
        var best = new CompetitionGrader().Grade(withBoard, perfect);
        Assert.True(best.GoldMedal && best.AnyMedal && best.AboveMedian);
        Assert.False(best.SilverMedal || best.BronzeMedal);
    }

    [Fact]
    public void Report_serialises_the_sixteen_fields()
    {
        var task = Load("titanic-full");
        var json = CompetitionReportJson.Serialize(new CompetitionGrader().Grade(task, task.SampleSubmissionPath));

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["competition_id", "score", "gold_threshold", "silver_threshold", "bronze_threshold", "median_threshold", "any_medal", "gold_medal",
             "silver_medal", "bronze_medal", "above_median", "submission_exists", "valid_submission", "is_lower_better", "created_at", "submission_path"],
            names);
    }

    private static TaskSpec Load(string name) => new TaskLoader().Load(TestPaths.Task(name));

    private static string[] With(string[] row, int index, string value)
    {
        var copy = row.ToArray();
        copy[index] = value;
        return copy;
    }

    private string Write(string file, IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        var path = _temp.Combine(file);
        new CsvTable(columns, rows.ToArray()).Write(path);
        return path;
    }

    private static void AssertInvalid(TaskSpec task, string path, string expected)
    {
        var report = new CompetitionGrader().Grade(task, path);
        Assert.True(report.SubmissionExists);
        Assert.False(report.ValidSubmission, $"{Path.GetFileName(path)} should be invalid");
        Assert.Null(report.Score);
        Assert.NotNull(report.InvalidReason);
        Assert.DoesNotContain('\n', report.InvalidReason);
        Assert.Contains(expected, report.InvalidReason, StringComparison.OrdinalIgnoreCase);
    }
}
