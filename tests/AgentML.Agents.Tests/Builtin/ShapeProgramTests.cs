using System.Globalization;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// The builtin draft runs with real Python on small synthetic tasks of shapes the shared tasks lack, writes a valid
/// submission and learns the signal: ordinal kappa, multi-label, map@k, labels with spaces and commas, and several
/// regression targets.
/// </summary>
public sealed class ShapeProgramTests
{
    private const int TimeLimit = 30;

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
}
