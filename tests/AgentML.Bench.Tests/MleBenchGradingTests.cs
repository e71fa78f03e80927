using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Core.Grading;

namespace AgentML.Bench.Tests;

/// <summary>MLE-bench's prepared layout, the built-in registry, leaderboards from --leaderboards, medals.</summary>
public sealed class MleBenchGradingTests
{
    [Fact]
    public async Task Spooky_fixture_is_graded_with_medals_from_the_leaderboard()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        var perfect = BenchFixtures.Spooky(data);
        var sample = File.ReadAllText(Path.Combine(data, "spooky-author-identification", "prepared", "public", "sample_submission.csv"));
        var leaderboards = h.Temp.Combine("leaderboards");
        BenchFixtures.WriteLeaderboard(Path.Combine(leaderboards, "spooky-author-identification", "leaderboard.csv"), [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);
        var agent = new DelegateAgent((req, _) =>
        {
            File.WriteAllText(req.Workspace.SubmissionPath, req.Seed == 0 ? perfect : sample);
            return Task.FromResult(new Agents.AgentRunResult(Agents.AgentOutcome.Completed, 0, TimeSpan.Zero));
        });

        var files = await h.RunAsync(h.Options(data, seeds: 2, leaderboards: leaderboards), agent);

        var runs = files.Report.Runs.ToDictionary(r => r.Seed);
        var gold = runs[0].Report!;
        Assert.True(gold.ValidSubmission, gold.InvalidReason);
        Assert.True(gold.Score < 1e-4);
        Assert.True(gold.GoldMedal && gold.AnyMedal && gold.AboveMedian);
        Assert.False(gold.SilverMedal || gold.BronzeMedal);
        Assert.True(gold.IsLowerBetter);
        Assert.Equal(0.05, gold.GoldThreshold!.Value, 9);
        Assert.Equal(0.1, gold.SilverThreshold!.Value, 9);
        Assert.Equal(0.2, gold.BronzeThreshold!.Value, 9);
        Assert.Equal(0.275, gold.MedianThreshold!.Value, 9);

        var plain = runs[1].Report!;
        var expected = -(Math.Log(0.403493538995863) + Math.Log(0.287808366106543) + Math.Log(0.308698094897594)) / 3;
        Assert.True(plain.ValidSubmission, plain.InvalidReason);
        Assert.Equal(expected, plain.Score!.Value, 4);
        Assert.False(plain.AnyMedal || plain.AboveMedian);

        Assert.Equal(2, files.Report.Batch.TotalRuns);
        Assert.Equal(2, files.Report.Batch.TotalValidSubmissions);
        Assert.Equal(1, files.Report.Batch.TotalGoldMedals);
        var all = files.Report.Splits.Single(s => s.Name == "all").Percentages["any_medal"];
        Assert.Equal(50, all.Mean, 9);
        Assert.Equal(50, all.StandardError, 9);
    }

    [Fact]
    public async Task Extra_columns_and_unscored_rows_are_handled_like_mlebench()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        var insults = BenchFixtures.Insults(data);
        var jigsaw = BenchFixtures.Jigsaw(data);
        var agent = DelegateAgent.Writing(id => id.StartsWith("detecting", StringComparison.Ordinal) ? insults : jigsaw);

        var files = await h.RunAsync(h.Options(data), agent);

        Assert.Equal(2, files.Report.Runs.Count);
        foreach (var run in files.Report.Runs)
        {
            Assert.True(run.Report!.ValidSubmission, $"{run.CompetitionId}: {run.Report.InvalidReason}");
            Assert.Equal(1.0, run.Report.Score!.Value, 9);
            Assert.Null(run.Report.GoldThreshold); // no leaderboard: thresholds null, no medal
            Assert.False(run.Report.AnyMedal);
        }
    }

    [Fact]
    public void Registry_holds_the_lite_tabular_and_text_competitions_with_mlebench_metrics()
    {
        var registry = CompetitionRegistry.BuiltIn;
        var expected = new Dictionary<string, string>
        {
            ["spooky-author-identification"] = "log_loss",
            ["random-acts-of-pizza"] = "roc_auc",
            ["detecting-insults-in-social-commentary"] = "roc_auc",
            ["jigsaw-toxic-comment-classification-challenge"] = "roc_auc",
            ["leaf-classification"] = "log_loss",
            ["nomad2018-predict-transparent-conductors"] = "rmsle",
            ["new-york-city-taxi-fare-prediction"] = "rmse",
            ["tabular-playground-series-dec-2021"] = "accuracy",
            ["tabular-playground-series-may-2022"] = "roc_auc",
        };
        foreach (var (id, metric) in expected)
        {
            var entry = registry.Find(id);
            Assert.NotNull(entry);
            Assert.Equal(metric, entry.Metric);
            Assert.Equal("low", entry.Complexity);
            Assert.StartsWith("private/", entry.Answers, StringComparison.Ordinal);
        }

        Assert.Equal(22, registry.Split("lite")!.Count);
        Assert.Equal(registry.Split("low"), registry.Split("lite"));
        Assert.All(expected.Keys, id => Assert.Contains(id, registry.Split("lite")!));
        Assert.Equal("key", registry.Find("new-york-city-taxi-fare-prediction")!.IdColumn);
        Assert.Equal("public/labels.csv", registry.Find("new-york-city-taxi-fare-prediction")!.Train);
    }

    [Fact]
    public void Split_file_and_unknown_split_are_resolved_or_rejected_clearly()
    {
        using var h = new BenchHarness();
        var file = h.Temp.Combine("mine.txt");
        File.WriteAllText(file, "# my split\nspooky-author-identification\n\nleaf-classification  # comment\n");
        var split = SplitResolver.Resolve(file, CompetitionRegistry.BuiltIn);
        Assert.Equal("mine", split.Name);
        Assert.Equal(["spooky-author-identification", "leaf-classification"], split.Ids);
        var ex = Assert.Throws<UserFacingException>(() => SplitResolver.Resolve("nonexistent-split", CompetitionRegistry.BuiltIn));
        Assert.Contains("lite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_limits_the_bench_and_notes_competitions_without_data()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        var perfect = BenchFixtures.Spooky(data);
        BenchFixtures.TaskFolder(data);
        var files = await h.RunAsync(h.Options(data, split: "lite"), DelegateAgent.Writing(_ => perfect));
        Assert.Equal(["spooky-author-identification"], files.Report.Runs.Select(r => r.CompetitionId));
        Assert.Contains(files.Report.Splits, s => s.Name == "lite");
        Assert.Contains(files.Report.Notes, n => n.Contains("21 of 22", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_says_valid_or_why_not_and_never_the_score()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        var perfect = BenchFixtures.Spooky(data);
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new Core.Tasks.TaskLoader());
        var competition = catalog.Discover(new CatalogOptions { Inputs = [Path.Combine(data, "spooky-author-identification")] }).Single();
        var grader = new BenchGrader(TimeProvider.System);
        var good = h.Temp.Combine("good.csv");
        File.WriteAllText(good, perfect);
        var bad = h.Temp.Combine("bad.csv");
        File.WriteAllText(bad, "id,EAP\nid000,1\n");

        Assert.Equal(new ValidationResult(true, null), grader.Validate(competition, good));
        var invalid = grader.Validate(competition, bad);
        Assert.False(invalid.Valid);
        Assert.False(string.IsNullOrWhiteSpace(invalid.Reason));
        Assert.DoesNotContain(typeof(ValidationResult).GetProperties(), p => p.PropertyType == typeof(double?) || p.PropertyType == typeof(double));
        Assert.False(grader.Validate(competition, h.Temp.Combine("missing.csv")).Valid);
    }

    [Fact]
    public void Missing_prepared_file_is_named_in_the_error()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        BenchFixtures.Spooky(data);
        File.Delete(Path.Combine(data, "spooky-author-identification", "prepared", "private", "test.csv"));
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new Core.Tasks.TaskLoader());
        var ex = Assert.Throws<UserFacingException>(() => catalog.Discover(new CatalogOptions { Inputs = [data] }));
        Assert.Contains("private/test.csv", ex.Message.Replace('\\', '/'), StringComparison.Ordinal);
    }

    internal static CompetitionReport Report(BenchHarness h, string benchId, string competition, int seed) =>
        Reporting.BenchReports.ParseReport(h.Store.FindRun(benchId, competition, seed)!.ReportJson)!;
}
