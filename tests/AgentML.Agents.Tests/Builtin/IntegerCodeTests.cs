using System.Globalization;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// Ids written as whole numbers (stores, schools, students): their numbers carry no order, so a linear model learns
/// nothing from them and trees only what splits on arbitrary ranges can find. The builtin expert notices such columns
/// (observation <c>integer-codes</c>), drafts a linear model that one-hot encodes them and offers trees their
/// out-of-fold target means; real Python on a task whose target is mostly a per-store effect.
/// </summary>
public sealed class IntegerCodeTests
{
    private const int TimeLimit = 60;

    [Fact]
    public async Task Store_ids_written_as_numbers_are_learned_as_categories_by_the_linear_draft_and_by_trees()
    {
        using var temp = new TempDirectory();
        var folder = StoreTask(temp.Combine("stores"));
        var context = ShapeTasks.Context(folder, TimeLimit);
        var observations = Observations.From(context, BuiltinFixture.Bank.Thresholds);
        Assert.Contains("(x0: up to 200 values)", observations.Explain("integer-codes") ?? "", StringComparison.Ordinal);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        Plan Draft(string id) => plans.Single(p => JsonPatch.String(RecipeFactory.Parse(p.Recipe), "draft") == id);

        var linear = await ShapeTasks.SolveAsync(folder, temp.Combine("linear"), TimeLimit, _ => Task.FromResult(Draft("linear")));
        var codes = await ShapeTasks.SolveAsync(folder, temp.Combine("linear-codes"), TimeLimit, _ => Task.FromResult(Draft("linear-codes")));
        var hgb = Draft("hgb");
        var trees = await ShapeTasks.SolveAsync(folder, temp.Combine("hgb"), TimeLimit, _ => Task.FromResult(hgb));
        var idea = BuiltinFixture.Bank.Improvements.Single(i => i.Id == "integer-codes");
        var encoded = new RecipeImprover(BuiltinFixture.Bank).Apply(idea, RecipeFactory.Parse(hgb.Recipe), observations)!;
        var treesEncoded = await ShapeTasks.SolveAsync(folder, temp.Combine("hgb-codes"), TimeLimit,
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

        var observations = Observations.From(ShapeTasks.Context(folder, TimeLimit), BuiltinFixture.Bank.Thresholds);

        Assert.False(observations.Has("integer-codes"), observations.Explain("integer-codes"));
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
