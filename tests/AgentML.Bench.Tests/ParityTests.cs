using System.Text.Json;
using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Tests;

/// <summary>
/// MLE-bench grading parity: every registered competition × every submission kind, graded through the paths of
/// `agentml grade` and `bench validate` (<see cref="CompetitionCatalog.LoadOne"/>) and of `bench run` (a real bench over
/// the prepared data directory), against (1) the outcomes worked out here by reading each grade.py and (2)
/// Parity/expected.json, written by scripts/mlebench_parity.py from MLE-bench's own grade.py on these fixtures.
/// </summary>
public sealed class ParityTests
{
    /// <summary>The submission kinds, in scripts/mlebench_parity.py's order (a bench seed indexes them).</summary>
    public static readonly string[] Kinds =
    [
        "perfect", "noisy", "shuffled_rows", "extra_column", "missing_rows", "nan_value", "text_value",
        "wrong_column_names", "renamed_id", "duplicate_ids", "permuted_columns", "not_summing_to_one",
        "outside_unit_interval", "rounded_3_decimals",
    ];

    private static readonly string[] Auc = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "rounded_3_decimals"];

    // Numbers of any range, ids matched: only missing, renamed, duplicated, NaN and text entries fail.
    private static readonly string[] AnyNumbers =
        ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"];

    // Exactly id and target columns (extra columns fail); astype(str) makes any value, NaN included, a (wrong) prediction.
    private static readonly string[] ExactColumnsAnyText =
        ["perfect", "noisy", "shuffled_rows", "nan_value", "text_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"];

    private static readonly string[] TextLabels =
        ["perfect", "noisy", "shuffled_rows", "extra_column", "nan_value", "text_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"];

    // Kinds every grader rejects: a row missing (except osic's, whose grade.py has no length check), a target column renamed.
    private static readonly string[] AlwaysInvalid = ["missing_rows", "wrong_column_names"];

    private static readonly string[] WithoutLengthCheck = ["osic-pulmonary-fibrosis-progression"];

    /// <summary>
    /// The valid kinds of each competition, from reading its grade.py (every other kind is invalid):
    /// AUC graders (prepare_for_auroc_metric) ignore extra columns, match ids after sorting, reject text and values
    /// outside [0, 1]; jigsaw pairs columns by position (so extra columns fail, permuted ones score differently) and
    /// accepts any score range; the log-loss graders need rows summing to one within 1e-6 (rounded to 3 decimals fails)
    /// and spooky reads iloc[:, 1:] (the id must come first); nomad pairs rows by position and never reads the id; taxi
    /// sorts by key and pairs by position without comparing keys; accuracy compares labels as pandas typed them (a
    /// text column scores 0 against numeric answers; fractional labels are continuous and rejected).
    /// </summary>
    public static readonly Dictionary<string, string[]> ValidKinds = new(StringComparer.Ordinal)
    {
        ["spooky-author-identification"] = ["perfect", "noisy", "shuffled_rows"],
        ["random-acts-of-pizza"] = Auc,
        ["detecting-insults-in-social-commentary"] = Auc,
        ["tabular-playground-series-may-2022"] = Auc,
        ["jigsaw-toxic-comment-classification-challenge"] =
            ["perfect", "noisy", "shuffled_rows", "duplicate_ids", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        ["leaf-classification"] = ["perfect", "noisy", "shuffled_rows", "permuted_columns"],
        ["nomad2018-predict-transparent-conductors"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "renamed_id", "duplicate_ids", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        ["new-york-city-taxi-fare-prediction"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "duplicate_ids", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        ["tabular-playground-series-dec-2021"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "text_value", "permuted_columns", "rounded_3_decimals"],
        ["movie-review-sentiment-analysis-kernels-only"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "text_value", "permuted_columns", "rounded_3_decimals"],
        ["ml2021spring-hw2"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "text_value", "permuted_columns", "rounded_3_decimals"],
        // Boolean labels: a text value makes both sides binary of different types (scikit-learn's TypeError).
        ["spaceship-titanic"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "rounded_3_decimals"],
        ["playground-series-s3e18"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // astype(str) on both sides: NaN becomes "nan", any text is a (wrong) label.
        ["text-normalization-challenge-english-language"] = TextLabels,
        ["text-normalization-challenge-russian-language"] = TextLabels,
        ["learning-agency-lab-automated-essay-scoring-2"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "rounded_3_decimals"],
        // Row sums rounded to 6 decimals must equal 1; values in [0, 1]; extra columns dropped.
        ["lmsys-chatbot-arena"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns"],
        // Only answer rows with u_out == 0 are scored: the fixture's NaN and text sit in an unscored row.
        ["ventilator-pressure-prediction"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "nan_value", "text_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // pearsonr: ids sorted and compared, extra columns ignored, any range; text or NaN raise.
        ["us-patent-phrase-to-phrase-matching"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // Column-wise spearmanr: exactly qa_id + 30 columns; sorted by qa_id and paired by position without comparing
        // ids (a duplicated id is scored); a text column is ranked as strings (scored); a NaN makes the mean NaN.
        ["google-quest-challenge"] =
            ["perfect", "noisy", "shuffled_rows", "duplicate_ids", "text_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // Log-MAE per coupling type: the id sets must be equal (the duplicate kind drops an id); a perfect submission
        // scores log(0) = -inf, which MLE-bench reports and AgentML (and expected.json, by the script's rule) calls invalid.
        ["champs-scalar-coupling"] =
            ["noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // Predictions thresholded at 0.5 (NaN counts as 0, any range accepted; text fails the comparison); ids sorted and compared.
        ["jigsaw-unintended-bias-in-toxicity-classification"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "nan_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // fillna("").astype(str): any value is a span (NaN an empty one); ids sorted and compared.
        ["tweet-sentiment-extraction"] = TextLabels,
        // fillna("").str.split(): any text is a tag list (NaN an empty one); ids sorted and compared.
        ["facebook-recruiting-iii-keyword-extraction"] = TextLabels,
        ["aerial-cactus-identification"] = Auc,
        ["histopathologic-cancer-detection"] = Auc,
        // Column-wise AUC: exactly image_id + the four classes, an explicit length check, ids sorted and compared, any range.
        ["plant-pathology-2020-fgvc7"] =
            ["perfect", "noisy", "shuffled_rows", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // Quadratic kappa: equal id sets; fractional predictions are continuous (not_summing_to_one scales them by 0.9).
        ["aptos2019-blindness-detection"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "rounded_3_decimals"],
        // The breeds are read by name (extra columns dropped); rows must sum to one within 1e-6, values in [0, 1].
        ["dog-breed-identification"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns"],
        // fillna(""): a missing label is a wrong one; any text is a (wrong) label.
        ["paddy-disease-classification"] = TextLabels,
        // Binary log loss of one probability column: equal id sets and lengths, values in [0, 1] (NaN and text fail), no sum check.
        ["dogs-vs-cats-redux-kernels-edition"] = Auc,
        // Micro F1 of labels after tolist(): a missing label is "nan" and any text a (wrong) label.
        ["plant-seedlings-classification"] = TextLabels,
        ["invasive-species-monitoring"] = Auc,
        ["siim-isic-melanoma-classification"] = Auc,
        // prepare_for_auroc_metric per class, averaged: each class in [0, 1], extra columns ignored.
        ["ranzcr-clip-catheter-line-classification"] = Auc,
        // prepare_for_accuracy_metric: a text value scores 0 against numeric labels; fractional labels are continuous.
        ["cassava-leaf-disease-classification"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "text_value", "permuted_columns", "rounded_3_decimals"],
        // RMSE of values in [1, 100] (between(): NaN and text fail, 0.9 times a value of 1 is outside; 1.5 is inside).
        ["petfinder-pawpularity-score"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "outside_unit_interval", "rounded_3_decimals"],
        // matthews_corrcoef: equal id sets and lengths; fractional labels are continuous, text and numbers cannot be encoded together.
        ["nfl-player-contact-detection"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "rounded_3_decimals"],
        // int(round(MAE)) after a merge on equal id sets.
        ["predict-volcanic-eruptions-ingv-oe"] = AnyNumbers,
        // Mean RMSE of three columns on the kept rows; the keep mask follows the submission's row positions (shuffled rows
        // are scored, against other answers).
        ["stanford-covid-vaccine"] = AnyNumbers,
        // fillna(""): a missing span is empty; any text is a span.
        ["chaii-hindi-and-tamil-question-answering"] = TextLabels,
        // Exactly customer_id and prediction; astype(str): a missing prediction is "nan", any value a (wrong) article list.
        ["h-and-m-personalized-fashion-recommendations"] = ExactColumnsAnyText,
        // Levenshtein.distance needs strings: a missing sentence fails, any text is scored.
        ["billion-word-imputation"] =
            ["perfect", "noisy", "shuffled_rows", "extra_column", "text_value", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // MAP@5 as h-and-m's: exactly Image and Id, any value a (wrong) list of whales.
        ["whale-categorization-playground"] = ExactColumnsAnyText,
        ["seti-breakthrough-listen"] = Auc,
        // Kendall tau of cell orders: each row's order must hold the answers' cells (a NaN or text order does not).
        ["AI4Code"] = ["perfect", "noisy", "shuffled_rows", "extra_column", "permuted_columns", "not_summing_to_one", "rounded_3_decimals"],
        // Spans parsed from text: a missing prediction is empty (right only where nothing is to be found); "abc" and 1.5
        // are neither start:end, YES, NO nor empty; the ids must be the expected set without repeats.
        ["tensorflow2-question-answering"] = TextLabels.Except(["text_value", "outside_unit_interval"]).ToArray(),
        // Per trip, rows paired in file order (shuffled rows are scored against other positions); any number; a NaN
        // position makes the score NaN (reported by MLE-bench, invalid here); the duplicate kind moves a row to another trip.
        ["smartphone-decimeter-2022"] = AnyNumbers,
        // Exactly event_id, azimuth and zenith; numbers only, finite; any angle.
        ["icecube-neutrinos-in-deep-ice"] =
            ["perfect", "noisy", "shuffled_rows", "permuted_columns", "not_summing_to_one", "outside_unit_interval", "rounded_3_decimals"],
        // No length check: the missing week is not scored; the NaN sits in a scored week (NaN score, invalid here); the
        // duplicated week makes six submission rows meet five answers (NumPy cannot broadcast them).
        ["osic-pulmonary-fibrosis-progression"] = [.. AnyNumbers, "missing_rows"],
    };

    private static string Root => Path.Combine(AppContext.BaseDirectory, "Parity");

    private static string DataDir => Path.Combine(Root, "data");

    public static TheoryData<string> Competitions() => [.. ValidKinds.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_registered_competition_has_a_parity_fixture_and_expectations()
    {
        var registered = CompetitionRegistry.BuiltIn.Entries.Select(e => e.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(registered, Directory.GetDirectories(DataDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(registered, ValidKinds.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(registered, Expected().Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(ValidKinds, kv => Assert.Empty(kv.Value.Intersect(WithoutLengthCheck.Contains(kv.Key) ? ["wrong_column_names"] : AlwaysInvalid)));
        Assert.All(CompetitionRegistry.BuiltIn.Entries, e =>
        {
            Assert.NotNull(e.Grading);
            Assert.StartsWith("mlebench/competitions/" + e.Id + "/", e.Grading.Source, StringComparison.Ordinal);
            Assert.Contains(e.Id, CompetitionRegistry.BuiltIn.Split(e.Complexity)!);
        });
    }

    [Theory]
    [MemberData(nameof(Competitions))]
    public void Grade_and_validate_agree_with_mlebench_grade_py(string id)
    {
        var expected = Expected()[id];
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader());
        var viaId = catalog.LoadOne(Path.Combine(DataDir, id));
        var viaPrepared = catalog.LoadOne(Path.Combine(DataDir, id, "prepared"));
        var grader = new BenchGrader(TimeProvider.System);
        var problems = new List<string>();
        foreach (var kind in Kinds)
        {
            var submission = Path.Combine(Root, "submissions", id, kind + ".csv");
            var mine = ValidKinds[id].Contains(kind);
            var theirs = expected[kind];
            if (mine != theirs.Valid)
            {
                problems.Add($"{kind}: the table here says valid={mine}, MLE-bench's grade.py says valid={theirs.Valid} ({theirs.MlebenchError})");
            }

            foreach (var (path, competition) in new[] { ("grade <data>/<id>", viaId), ("grade <data>/<id>/prepared", viaPrepared) })
            {
                var report = grader.Grade(competition, submission);
                Check(problems, $"{kind} via {path}", theirs, report.ValidSubmission, report.Score, report.InvalidReason);
            }

            var validation = grader.Validate(viaId, submission);
            if (validation.Valid != theirs.Valid)
            {
                problems.Add($"{kind} via bench validate: valid={validation.Valid} ({validation.Reason}); MLE-bench: valid={theirs.Valid} ({theirs.MlebenchError})");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Bench_run_over_the_prepared_data_directory_agrees_with_mlebench_grade_py()
    {
        using var h = new BenchHarness();
        var expected = Expected();
        var agent = new DelegateAgent((req, _) =>
        {
            File.Copy(Path.Combine(Root, "submissions", req.Competition.Id, Kinds[req.Seed] + ".csv"), req.Workspace.SubmissionPath, overwrite: true);
            return Task.FromResult(new Agents.AgentRunResult(Agents.AgentOutcome.Completed, 0, TimeSpan.FromMilliseconds(1)));
        });

        var files = await h.RunAsync(h.Options(DataDir, seeds: Kinds.Length, parallel: 2), agent);

        var problems = new List<string>();
        Assert.Equal(expected.Count * Kinds.Length, files.Report.Runs.Count);
        foreach (var run in files.Report.Runs)
        {
            var report = run.Report!;
            Check(problems, $"{run.CompetitionId}/{Kinds[run.Seed]} via bench run", expected[run.CompetitionId][Kinds[run.Seed]], report.ValidSubmission, report.Score, report.InvalidReason);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Check(List<string> problems, string what, Outcome theirs, bool valid, double? score, string? reason)
    {
        if (valid != theirs.Valid)
        {
            problems.Add($"{what}: valid={valid} ({reason}); MLE-bench: valid={theirs.Valid} ({theirs.MlebenchError})");
        }
        else if (valid && Math.Abs(score!.Value - theirs.Score!.Value) > 1e-6)
        {
            problems.Add($"{what}: score {score} but MLE-bench's is {theirs.Score}");
        }
        else if (!valid && string.IsNullOrWhiteSpace(reason))
        {
            problems.Add($"{what}: invalid without a reason");
        }
    }

    private static Dictionary<string, Dictionary<string, Outcome>> Expected()
    {
        using var stream = File.OpenRead(Path.Combine(Root, "expected.json"));
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Outcome>>>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("expected.json is empty");
    }

    /// <summary>One outcome in expected.json.</summary>
    public sealed record Outcome
    {
        public bool Valid { get; init; }

        public double? Score { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("mlebench_error")]
        public string MlebenchError { get; init; } = "";
    }
}
