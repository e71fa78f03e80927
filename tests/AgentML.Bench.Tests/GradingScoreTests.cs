using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Tests;

/// <summary>
/// grade.py behaviours of the grading.score competitions that the parity kinds do not reach. Each expected value is
/// what MLE-bench's own grade.py returned on the same parity fixture and submission (rounded to 5 decimals).
/// </summary>
public sealed class GradingScoreTests
{
    private static string Parity => Path.Combine(AppContext.BaseDirectory, "Parity");

    [Fact]
    public void Champs_merges_on_id_so_a_duplicated_id_is_scored_twice()
    {
        using var h = new BenchHarness();
        var noisy = File.ReadAllLines(Submission("champs-scalar-coupling", "noisy"));
        var path = h.Temp.Combine("dup.csv");
        // Every id once (the set check passes) and the first id again with another value: both rows meet its answer.
        File.WriteAllLines(path, [.. noisy, noisy[1].Split(',')[0] + ",100.0"]);

        var report = Grade("champs-scalar-coupling", path);

        Assert.True(report.ValidSubmission, report.InvalidReason);
        Assert.Equal(1.89504, report.Score!.Value, 9);
        Assert.Equal(1.39436, Grade("champs-scalar-coupling", Submission("champs-scalar-coupling", "noisy")).Score!.Value, 9);
    }

    [Fact]
    public void Jigsaw_unintended_bias_accepts_the_answers_column_name_toxicity_instead_of_prediction()
    {
        using var h = new BenchHarness();
        var path = h.Temp.Combine("toxicity.csv");
        var noisy = File.ReadAllText(Submission("jigsaw-unintended-bias-in-toxicity-classification", "noisy"));
        File.WriteAllText(path, noisy.Replace("id,prediction", "id,toxicity", StringComparison.Ordinal));

        var report = Grade("jigsaw-unintended-bias-in-toxicity-classification", path);

        Assert.True(report.ValidSubmission, report.InvalidReason);
        Assert.Equal(0.60215, report.Score!.Value, 9);
    }

    [Fact]
    public void Us_patent_constant_predictions_have_no_pearson_correlation_and_are_invalid()
    {
        using var h = new BenchHarness();
        var path = h.Temp.Combine("constant.csv");
        var lines = File.ReadAllLines(Submission("us-patent-phrase-to-phrase-matching", "noisy"));
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Select(l => l.Split(',')[0] + ",0.5")]);

        var report = Grade("us-patent-phrase-to-phrase-matching", path);

        // scipy's pearsonr returns NaN (MLE-bench would report it); a report cannot rank NaN, so it is invalid here.
        Assert.False(report.ValidSubmission);
        Assert.Contains("undefined", report.InvalidReason, StringComparison.Ordinal);
    }

    [Theory]
    // Partial spans, case, runs of whitespace and a tab, an empty (NaN) prediction, repeated words.
    [InlineData("tweet-sentiment-extraction", 0.54167,
        new[] { "love this", "\"SO  sad\ttoday\"", "", "worst. service.", "Happy", "MEH", "thanks!", "so tired", "great GAME game", "ugh", "see", "ok then" })]
    // Micro F1 over tags: unknown tags ("unknown-tag", "JavaScript": case matters) are dropped, wrong known tags are
    // false positives, a repeated tag counts once, an empty prediction (NaN) predicts nothing: TP 12, FP 3, FN 8.
    [InlineData("facebook-recruiting-iii-keyword-extraction", 0.68571,
        new[] { "c# .net unknown-tag", "python python", "php", "JavaScript jquery", "java sql", "", "python", "linux  bash c#", "sql", "ios", "r", "html" })]
    // Spans as Python's int() reads them (spaces, a sign, underscores), the second of two short answers, YES or NO on
    // the wrong row, an empty prediction right only where nothing is to be found: 6 rows of 12 right.
    [InlineData("tensorflow2-question-answering", 0.5,
        new[] { " 12 : 14 ", "YES", "NO", "+100:1_80", "", "0:30", "20:22", "5:40", "NO", "", "3:5", "0:31" })]
    public void Text_values_are_scored_as_grade_py_does(string id, double expected, string[] values)
    {
        using var h = new BenchHarness();
        var perfect = File.ReadAllLines(Submission(id, "perfect"));
        var path = h.Temp.Combine("values.csv");
        File.WriteAllLines(path, [perfect[0], .. perfect.Skip(1).Zip(values, (line, value) => line.Split(',')[0] + "," + value)]);

        var report = Grade(id, path);

        Assert.True(report.ValidSubmission, report.InvalidReason);
        Assert.Equal(expected, report.Score!.Value, 9);
    }

    [Theory]
    // h-and-m keeps only the answers' customers: two customers more change nothing (the noisy kind scores 0.82639).
    [InlineData("h-and-m-personalized-fashion-recommendations", "0000000000000000000000000000000000000000000000000000000000000001,1 2|ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,3", 0.82639)]
    // h-and-m zips the sorted rows without comparing ids: a duplicated customer shifts every later pair.
    [InlineData("h-and-m-personalized-fashion-recommendations", "{first},1 2 3", 0.13889)]
    // The volcano grader merges on segment_id: a duplicated id meets its answer twice.
    [InlineData("predict-volcanic-eruptions-ingv-oe", "{first},0.0", 3592620)]
    public void Rows_added_to_a_noisy_submission_are_scored_as_grade_py_does(string id, string added, double expected)
    {
        using var h = new BenchHarness();
        var noisy = File.ReadAllLines(Submission(id, "noisy"));
        var path = h.Temp.Combine("added.csv");
        File.WriteAllLines(path, [.. noisy, .. added.Replace("{first}", noisy[1].Split(',')[0], StringComparison.Ordinal).Split('|')]);

        var report = Grade(id, path);

        Assert.True(report.ValidSubmission, report.InvalidReason);
        Assert.Equal(expected, report.Score!.Value, 9);
    }

    [Theory]
    // A missing confidence becomes 0, then 70 (fillna(0), np.maximum(·, 70)).
    [InlineData("confidence_missing", -7.91461)]
    // A single scored week: grade.py scores it alone; with a second row of that week, NumPy broadcasts the one answer.
    [InlineData("one_scored_week", -6.01123)]
    [InlineData("one_scored_week_twice", -7.75481)]
    // Only weeks that are not scored: the mean of nothing is NaN (MLE-bench reports it; invalid here).
    [InlineData("unscored_weeks_only", null)]
    // A week the answers do not have.
    [InlineData("unknown_week", null)]
    public void Osic_scores_each_patients_latest_weeks_as_grade_py_does(string edit, double? expected)
    {
        const string Id = "osic-pulmonary-fibrosis-progression";
        using var h = new BenchHarness();
        var noisy = File.ReadAllLines(Submission(Id, "noisy"));
        // Patient ...264 was measured in weeks -2, 0 and 1, patient ...437 in -1, 1, 2 and 3 (only the three latest scored).
        string[] weeks = ["264_-1,", "264_2,", "264_3,", "437_-2,", "437_-1,", "437_0,"];
        string[] unscored = [.. noisy.Where(l => weeks.Any(w => l.Contains(w, StringComparison.Ordinal)))];
        string[] rows = edit switch
        {
            "confidence_missing" => [noisy[0], string.Join(',', noisy[1].Split(',')[..2]) + ",", .. noisy[2..]],
            "one_scored_week" => [noisy[0], .. unscored, noisy[1]],
            "one_scored_week_twice" => [noisy[0], .. unscored, noisy[1], noisy[1].Replace(",3220", ",3000", StringComparison.Ordinal)],
            "unscored_weeks_only" => [noisy[0], .. unscored],
            _ => [.. noisy, "ID00419637202311204720264_4,2000.0,100.0"],
        };
        var path = h.Temp.Combine(edit + ".csv");
        File.WriteAllLines(path, rows);

        var report = Grade(Id, path);

        Assert.Equal(expected is not null, report.ValidSubmission);
        if (expected is { } score)
        {
            Assert.Equal(score, report.Score!.Value, 9);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(report.InvalidReason));
        }
    }

    private static string Submission(string id, string kind) => Path.Combine(Parity, "submissions", id, kind + ".csv");

    private static Core.Grading.CompetitionReport Grade(string id, string submission)
    {
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader());
        return new BenchGrader(TimeProvider.System).Grade(catalog.LoadOne(Path.Combine(Parity, "data", id)), submission);
    }
}
