using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Roles;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Llm;

public sealed class PriceAndPlanTests
{
    [Fact]
    public void The_shipped_price_table_prices_by_exact_name_then_longest_prefix()
    {
        var prices = PriceTable.Load(Path.Combine(TestPaths.Prompts, "llm", "prices.yaml"));

        Assert.Equal(2.50m + 10.00m, prices.Cost("gpt-4o", 1_000_000, 1_000_000));
        Assert.Equal(0.15m, prices.Cost("gpt-4o-mini-2024-07-18", 1_000_000, 0));
        Assert.Equal(2.50m, prices.Cost("gpt-4o-2024-08-06", 1_000_000, 0));
        Assert.Equal(0m, prices.Cost("llama3.1:8b", 5_000_000, 5_000_000));
    }

    [Fact]
    public void A_price_entry_without_output_is_reported()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("prices.yaml");
        File.WriteAllText(path, "models:\n  m1: {input: 1.0}\n");

        var e = Assert.Throws<UserFacingException>(() => PriceTable.Load(path));

        Assert.Contains("m1", e.Message, StringComparison.Ordinal);
        Assert.Contains("output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_duplicate_plans_are_detected_and_different_ones_are_not()
    {
        const string a = "Train gradient boosting (xgboost) on all columns with one-hot encoded island and sex; 5-fold stratified CV.";
        const string b = "Train gradient boosting (xgboost) on all columns, one-hot encoded island and sex, with 5-fold stratified CV.";
        const string c = "Logistic regression on standardised bill and flipper measurements with polynomial interactions.";

        Assert.True(PlanSimilarity.IsNearDuplicate(b, [a], 0.7));
        Assert.False(PlanSimilarity.IsNearDuplicate(c, [a], 0.7));
    }

    [Fact]
    public void Subsets_are_pairs_then_singles_and_spread_over_the_observations()
    {
        var subsets = LlmPlanner.Subsets(4, 100, seed: 3);

        Assert.Equal(6 + 4, subsets.Count);
        Assert.All(subsets.Take(6), s => Assert.Equal(2, s.Length));
        Assert.All(subsets.Skip(6), s => Assert.Single(s));
        Assert.Equal(4, subsets.Take(2).SelectMany(s => s).Distinct().Count());
        Assert.Equal(subsets.Select(s => string.Join(",", s)), LlmPlanner.Subsets(4, 100, seed: 3).Select(s => string.Join(",", s)));
        Assert.Equal(3, LlmPlanner.Subsets(4, 3, seed: 3).Count);
    }
}
