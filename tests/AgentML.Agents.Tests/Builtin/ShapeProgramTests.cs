using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// The builtin draft runs with real Python on small synthetic tasks of shapes the shared tasks lack, writes a valid
/// submission and learns the signal: ordinal kappa, multi-label, map@k, labels with spaces and commas, and several
/// regression targets; the lasso of the portfolio keeps the few columns that carry a signal; and ids written as whole
/// numbers (stores, schools, students), whose numbers carry no order, are learned as categories (observation
/// <c>integer-codes</c>: a linear draft that one-hot encodes them, an improvement that gives trees their target means);
/// a categorical column with a target encoding is not also split natively by boosted trees.
/// </summary>
public sealed class ShapeProgramTests
{
    private const int TimeLimit = 30;
    private const int IdTimeLimit = 60;

    [Fact]
    public async Task Kappa_task_is_solved_as_ordinal_regression_with_fitted_cuts()
    {
        using var temp = new TempDirectory();
        // Five ordered grades of a noisy linear score.
        var rows = ShapeTasks.Rows(400, 4, seed: 1, (x, r) =>
        {
            var z = x[0] + 0.7 * x[1] - 0.5 * x[2] + 0.3 * ShapeTasks.Normal(r);
            return [(z < -1.2 ? 1 : z < -0.4 ? 2 : z < 0.4 ? 3 : z < 1.2 ? 4 : 5).ToString(CultureInfo.InvariantCulture)];
        });
        var folder = ShapeTasks.Write(temp.Combine("kappa"), "quadratic_weighted_kappa", ["grade"], rows, _ => ["3"]);

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        Assert.Contains("\"ordinal_regression\": true", solved.Recipe, StringComparison.Ordinal);
        Assert.Contains("ordinal cuts", solved.Output, StringComparison.Ordinal);
        Assert.True(solved.Score > 0.7, $"kappa {solved.Score}\n{solved.Output}");
        Assert.All(solved.Submission.Column(1), v => Assert.Contains(v, new[] { "1", "2", "3", "4", "5" }));
    }

    [Fact]
    public async Task Multi_label_task_gets_one_probability_column_per_label()
    {
        using var temp = new TempDirectory();
        // Three labels, each driven by its own feature, with label noise; a fourth is never on in train.
        var rows = ShapeTasks.Rows(400, 4, seed: 2, (x, r) =>
            [.. Enumerable.Range(0, 3).Select(k => x[k] + 0.5 * ShapeTasks.Normal(r) > 0 ? "1" : "0"), x[3] > 1 ? "1" : "0"])
            .Select((row, i) => i < 300 ? row with { Labels = [.. row.Labels[..3], "0"] } : row).ToArray();
        var folder = ShapeTasks.Write(temp.Combine("multilabel"), "roc_auc", ["a", "b", "c", "rare"], rows, _ => ["0.5", "0.5", "0.5", "0.5"], taskType: "multi_label");

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        Assert.All(new[] { "a", "b", "c" }, t => Assert.Contains($"target {t}:", solved.Output, StringComparison.Ordinal));
        Assert.Contains("target rare: only class 0 in train", solved.Output, StringComparison.Ordinal);
        Assert.Equal(["id", "a", "b", "c", "rare"], solved.Submission.Columns);
        Assert.All(solved.Submission.Column(3), v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 0, 1));
        Assert.All(solved.Submission.Column(4), v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 0, 0.05));
        Assert.True(solved.Score > 0.75, $"mean AUC {solved.Score}\n{solved.Output}");
    }

    [Fact]
    public async Task Map_at_k_task_writes_k_ranked_labels_per_row()
    {
        using var temp = new TempDirectory();
        string[] names = ["red", "green", "blue", "cyan", "magenta", "yellow"];
        var rows = ShapeTasks.Rows(400, 3, seed: 3, (x, r) => [names[(int)Math.Clamp(Math.Floor(x[0] + 0.4 * ShapeTasks.Normal(r) + 3), 0, 5)]]);
        var folder = ShapeTasks.Write(temp.Combine("mapk"), "map@2", ["colour"], rows, _ => ["red green"]);

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        Assert.All(solved.Submission.Column(1), v => Assert.Equal(2, v.Split(' ').Distinct().Count()));
        Assert.True(solved.Score > 0.6, $"map@2 {solved.Score}\n{solved.Output}");
    }

    [Fact]
    public async Task Labels_with_spaces_and_commas_and_string_ids_round_trip_under_macro_f1()
    {
        using var temp = new TempDirectory();
        string[] names = ["Strong, left", "Not strong", "Ind near rep", "Other party"];
        var rows = ShapeTasks.Rows(400, 3, seed: 4, (x, r) => [names[(x[0] > 0 ? 1 : 0) + (x[1] + 0.3 * ShapeTasks.Normal(r) > 0.8 ? 2 : 0)]]);
        var folder = ShapeTasks.Write(temp.Combine("labels"), "f1_macro", ["party"], rows, _ => ["Not strong"], id: i => $"{i:D7}");

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        Assert.Equal("0000300", solved.Submission.Column(0)[0]); // zero-padded ids are written as the sample has them
        Assert.True(solved.Score > 0.7, $"macro F1 {solved.Score}\n{solved.Output}");
    }

    [Fact]
    public async Task Per_class_columns_named_unlike_the_labels_get_their_class_probabilities()
    {
        using var temp = new TempDirectory();
        // Labels 1..3 in train; the submission's columns are Class_1..Class_3.
        var rows = ShapeTasks.Rows(300, 3, seed: 6, (x, r) => [(x[0] + 0.3 * ShapeTasks.Normal(r) < -0.5 ? 1 : x[0] < 0.5 ? 2 : 3).ToString(CultureInfo.InvariantCulture)]);
        var folder = ShapeTasks.Write(temp.Combine("classes"), "log_loss", ["grade"], rows, _ => ["0.3", "0.4", "0.3"],
                                      sampleColumns: ["Class_1", "Class_2", "Class_3"],
                                      answer: row => new[] { "1", "2", "3" }.Select(k => k == row.Labels[0] ? "1" : "0").ToArray());

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        Assert.Equal(["id", "Class_1", "Class_2", "Class_3"], solved.Submission.Columns);
        Assert.True(solved.Score < 0.6, $"log loss {solved.Score} (uniform: 1.10)\n{solved.Output}");
    }

    [Fact]
    public async Task Two_regression_targets_of_different_scales_each_keep_their_own_range()
    {
        using var temp = new TempDirectory();
        // "big" is in the thousands and may be negative, "small" lies in 0..1: neither may be clipped to the other's range.
        var rows = ShapeTasks.Rows(300, 3, seed: 5, (x, r) =>
        [
            (1000 * x[0] - 200 + 50 * ShapeTasks.Normal(r)).ToString("R", CultureInfo.InvariantCulture),
            (1 / (1 + Math.Exp(-x[1]))).ToString("R", CultureInfo.InvariantCulture),
        ]);
        var folder = ShapeTasks.Write(temp.Combine("two"), "rmse", ["big", "small"], rows, _ => ["0", "0.5"], taskType: "regression");

        var solved = await ShapeTasks.SolveFirstDraftAsync(folder, temp.Combine("run"), TimeLimit);

        var big = solved.Submission.Column(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var small = solved.Submission.Column(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(big.Max() - big.Min() > 1000, $"big spans {big.Min()}..{big.Max()}\n{solved.Output}");
        Assert.All(small, v => Assert.InRange(v, -0.2, 1.2));
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("rmse")]
    public async Task The_portfolios_lasso_drops_noise_columns_and_predicts_better_than_the_linear_draft(string metric)
    {
        using var temp = new TempDirectory();
        // 3 columns of 30 carry the signal (a noisy linear class boundary, or a linear value with noise); 400 rows to
        // learn from and 3,000 to grade, so that the two models' grades differ by more than the test rows' noise.
        var rows = ShapeTasks.Rows(3400, 30, seed: 7, (x, r) =>
        {
            var z = x[0] + (0.8 * x[1]) - (0.6 * x[2]);
            return metric == "rmse"
                ? [(z + (2 * ShapeTasks.Normal(r))).ToString("R", CultureInfo.InvariantCulture)]
                : [z + ShapeTasks.Normal(r) > 0 ? "up" : "down"];
        });
        var folder = ShapeTasks.Write(temp.Combine("sparse"), metric, ["y"], rows, _ => [metric == "rmse" ? "0" : "up"],
                                      taskType: metric == "rmse" ? "regression" : null, testRows: 3000);

        var ridge = await ShapeTasks.SolveAsync(folder, temp.Combine("linear"), TimeLimit, async c => (await LinearDraftAsync(c)).Plan);
        var lasso = await ShapeTasks.SolveAsync(folder, temp.Combine("lasso"), TimeLimit, LassoPlanAsync);

        var kept = Regex.Match(lasso.Output, @"lasso kept (\d+) of 30 columns");
        Assert.True(kept.Success, lasso.Output);
        Assert.InRange(int.Parse(kept.Groups[1].Value, CultureInfo.InvariantCulture), 3, 29);
        Assert.True(metric == "rmse" ? lasso.Score < ridge.Score : lasso.Score > ridge.Score,
                    $"{metric}: lasso {lasso.Score}, linear draft {ridge.Score}\n{lasso.Output}");
    }

    private static async Task<(Plan Plan, JsonObject Recipe)> LinearDraftAsync(TaskContext context)
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        var plan = plans.First(p => RecipeFactory.Families(RecipeFactory.Parse(p.Recipe)) == "linear/linear");
        return (plan, RecipeFactory.Parse(plan.Recipe));
    }

    [Fact]
    public async Task A_blend_of_many_members_is_judged_with_weights_not_fitted_on_the_rows_it_is_judged_on()
    {
        using var temp = new TempDirectory();
        // Coin-flip labels: no member predicts them. Blend weights fitted on every out-of-fold row (not shrunk towards an
        // equal average) would make the blend look at least as good as its best member: greedy selection only keeps
        // what raises the score on those rows.
        var rows = ShapeTasks.Rows(400, 5, seed: 8, (_, r) => [r.NextDouble() < 0.5 ? "heads" : "tails"]);
        var folder = ShapeTasks.Write(temp.Combine("coins"), "accuracy", ["side"], rows, _ => ["heads"]);

        var solved = await ShapeTasks.SolveAsync(folder, temp.Combine("run"), TimeLimit, async context =>
        {
            var draft = (await LinearDraftAsync(context)).Recipe;
            var observations = Observations.From(context, BuiltinFixture.Bank.Thresholds);
            draft["ensemble"] = new JsonObject { ["shrink"] = 0 };
            draft["members"] = new JsonArray([.. new[] { "xgb", "rf", "et", "hgb", "linear", "knn" }.Select(m => BuiltinFixture.Bank.Member(m, observations))]);
            return new Plan("six members blended", draft.ToJsonString(), []);
        });

        var scores = Regex.Matches(solved.Output, @"out-of-fold accuracy of (\w+): ([0-9.]+)")
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var final = Regex.Match(solved.Output, @"out-of-fold accuracy of the final model: ([0-9.]+)");
        Assert.True(scores.Count >= 6 && final.Success, solved.Output);
        Assert.Contains("blend weights", solved.Output, StringComparison.Ordinal);
        Assert.True(double.Parse(final.Groups[1].Value, CultureInfo.InvariantCulture) < scores.Values.Max(), solved.Output);
    }

    /// <summary>The portfolio's lasso on the linear draft's features, as the improver proposes it once the lineage's
    /// ideas and the configurations before it in the portfolio were tried.</summary>
    private static async Task<Plan> LassoPlanAsync(TaskContext context)
    {
        var linear = (await LinearDraftAsync(context)).Recipe;
        var observations = Observations.From(context, BuiltinFixture.Bank.Thresholds);
        var others = BuiltinFixture.Bank.Portfolio.Select(p => p.Id).Where(id => id != "linear-sparse").ToHashSet(StringComparer.Ordinal);
        var next = new RecipeImprover(BuiltinFixture.Bank).NextPortfolio(linear, observations, new HashSet<string>(StringComparer.Ordinal), others);
        Assert.Equal("linear-sparse", next?.Idea.Id);
        return new Plan(next!.Value.Idea.Says, next.Value.Recipe.ToJsonString(), []);
    }

    [Fact]
    public async Task Store_ids_written_as_numbers_are_learned_as_categories_by_the_linear_draft_and_by_trees()
    {
        using var temp = new TempDirectory();
        var folder = StoreTask(temp.Combine("stores"));
        var context = ShapeTasks.Context(folder, IdTimeLimit);
        var observations = Observations.From(context, BuiltinFixture.Bank.Thresholds);
        Assert.Contains("(x0: up to 200 values)", observations.Explain("integer-codes") ?? "", StringComparison.Ordinal);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        Plan Draft(string id) => plans.Single(p => JsonPatch.String(RecipeFactory.Parse(p.Recipe), "draft") == id);

        var linear = await ShapeTasks.SolveAsync(folder, temp.Combine("linear"), IdTimeLimit, _ => Task.FromResult(Draft("linear")));
        var codes = await ShapeTasks.SolveAsync(folder, temp.Combine("linear-codes"), IdTimeLimit, _ => Task.FromResult(Draft("linear-codes")));
        var hgb = Draft("hgb");
        var trees = await ShapeTasks.SolveAsync(folder, temp.Combine("hgb"), IdTimeLimit, _ => Task.FromResult(hgb));
        var idea = BuiltinFixture.Bank.Improvements.Single(i => i.Id == "integer-codes");
        var encoded = new RecipeImprover(BuiltinFixture.Bank).Apply(idea, RecipeFactory.Parse(hgb.Recipe), observations)!;
        var treesEncoded = await ShapeTasks.SolveAsync(folder, temp.Combine("hgb-codes"), IdTimeLimit,
            _ => Task.FromResult(new Plan(idea.Says, encoded.ToJsonString(), [])));

        // The per-store effects have standard deviation 1.5 and the noise 1: learning them roughly halves the error.
        Assert.Contains("integer codes    1: x0", codes.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("integer codes", linear.Output, StringComparison.Ordinal);
        Assert.True(codes.Score < 0.75 * linear.Score, $"rmse: linear draft {linear.Score}, with codes {codes.Score}\n{codes.Output}");
        Assert.True(treesEncoded.Score < trees.Score, $"rmse: hgb draft {trees.Score}, with target means {treesEncoded.Score}\n{treesEncoded.Output}");
    }

    [Fact]
    public void Unique_integers_fractions_and_few_values_are_not_integer_codes()
    {
        using var temp = new TempDirectory();
        var random = new Random(3);
        // x0: a row number (unique), x1: a measurement with fractions, x2: a rating with 5 values.
        var rows = Enumerable.Range(0, 600).Select(i => new ShapeTasks.Row(
            [i + 1000, ShapeTasks.Normal(random), random.Next(1, 6)],
            [ShapeTasks.Normal(random).ToString("R", CultureInfo.InvariantCulture)])).ToArray();
        var folder = ShapeTasks.Write(temp.Combine("plain"), "rmse", ["y"], rows, _ => ["0"], taskType: "regression");

        var observations = Observations.From(ShapeTasks.Context(folder, IdTimeLimit), BuiltinFixture.Bank.Thresholds);

        Assert.False(observations.Has("integer-codes"), observations.Explain("integer-codes"));
    }

    [Fact]
    public async Task A_category_with_a_target_encoding_is_not_also_split_natively_by_boosted_trees()
    {
        using var temp = new TempDirectory();
        // x0: one of 50 levels that carry no signal (a US state in a churn table); the label depends on x1 and x2.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 2600).Select(_ =>
        {
            var (x1, x2) = (ShapeTasks.Normal(random), ShapeTasks.Normal(random));
            return new ShapeTasks.Row([random.Next(50), x1, x2], [x1 + x2 + ShapeTasks.Normal(random) > 0 ? "yes" : "no"]);
        }).ToArray();
        var folder = ShapeTasks.Write(temp.Combine("levels"), "accuracy", ["y"], rows, _ => ["yes"], testRows: 600);
        ShapeTasks.AsLevels(folder, 0);
        var context = ShapeTasks.Context(folder, TimeLimit);
        Assert.True(Observations.From(context, BuiltinFixture.Bank.Thresholds).Has("high-cardinality"));
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        var hgb = plans.First(p => JsonPatch.String(RecipeFactory.Parse(p.Recipe), "draft") == "hgb");
        Assert.Equal(true, RecipeFactory.Parse(hgb.Recipe)["features"]?["target_encoding"]?.GetValue<bool>());

        var solved = await ShapeTasks.SolveAsync(folder, temp.Combine("hgb"), TimeLimit, _ => Task.FromResult(hgb));

        // The column's codes and its out-of-fold target means are there; a native split of its levels is not.
        Assert.Contains("(0 native categorical)", solved.Output, StringComparison.Ordinal);
        Assert.True(solved.Score > 0.7, $"accuracy {solved.Score}\n{solved.Output}");
    }

    /// <summary>x0: one of 200 stores (ids 1..200, in random order of their effects); x1: a numeric feature.
    /// y = x1 + effect(store) + noise; 2,400 rows to learn from (12 per store) and 3,000 to grade.</summary>
    private static string StoreTask(string folder)
    {
        var random = new Random(11);
        var effects = Enumerable.Range(0, 200).Select(_ => 1.5 * ShapeTasks.Normal(random)).ToArray();
        var rows = Enumerable.Range(0, 5400).Select(_ =>
        {
            var store = random.Next(200);
            var x1 = ShapeTasks.Normal(random);
            var y = x1 + effects[store] + ShapeTasks.Normal(random);
            return new ShapeTasks.Row([store + 1, x1], [y.ToString("R", CultureInfo.InvariantCulture)]);
        }).ToArray();
        return ShapeTasks.Write(folder, "rmse", ["y"], rows, _ => ["0"], taskType: "regression", testRows: 3000);
    }
}
