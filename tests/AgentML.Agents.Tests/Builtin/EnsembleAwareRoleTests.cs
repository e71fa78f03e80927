using System.Text.Json.Nodes;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>The builtin roles know that the search blends nodes by out-of-fold ensemble selection and fixes the folds.</summary>
public sealed class EnsembleAwareRoleTests
{
    private static async Task<AgentOutput> DraftAsync(TaskContext context, string families)
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        var plan = plans.First(p => RecipeFactory.Families(RecipeFactory.Parse(p.Recipe)) == families);
        return await BuiltinFixture.Team.Coder.WriteAsync(context, plan, CancellationToken.None);
    }

    [Theory]
    [InlineData("credit-scoring")]
    [InlineData("letter-recognition")]
    [InlineData("penguin-species")]
    public async Task Drafts_fit_one_model_family_each(string task)
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context(task), TreeSummary.Empty, 5, CancellationToken.None);

        Assert.All(plans, p => Assert.Single(RecipeFactory.Members(RecipeFactory.Parse(p.Recipe))));
        Assert.True(plans.Select(p => RecipeFactory.Families(RecipeFactory.Parse(p.Recipe))).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task Improver_does_not_add_a_family_the_tree_already_runs_alone()
    {
        var context = BuiltinFixture.Context("titanic-full");
        var xgb = RecipeFactory.Parse((await DraftAsync(context, "xgb/tree")).Recipe);
        var linear = (await DraftAsync(context, "linear/linear")).Recipe!;
        var observations = Observations.From(context, BuiltinFixture.Bank.Thresholds);
        var improver = new RecipeImprover(BuiltinFixture.Bank);
        var known = new HashSet<string>(StringComparer.Ordinal);

        var onlyXgb = improver.Next(xgb, observations, known, alone: RecipeImprover.FamiliesAlone([xgb.ToJsonString()]));
        var withLinear = improver.Next(xgb, observations, known, alone: RecipeImprover.FamiliesAlone([xgb.ToJsonString(), linear]));

        Assert.Equal("add-linear-member", onlyXgb?.Idea.Id);
        Assert.NotNull(withLinear);
        Assert.DoesNotContain("linear/linear", RecipeFactory.Families(withLinear.Value.Recipe), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_searchs_folds_no_improvement_only_changes_the_recipes_own_folds()
    {
        var context = BuiltinFixture.Context("penguin-species") with { Staged = new StagedRows(250, 80, 5) };
        var draft = await DraftAsync(context, "xgb/tree");
        var node = BuiltinFixture.Node("n0", draft, 0.1);
        var ideas = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var child = await BuiltinFixture.Team.Improver.ImproveAsync(context, node, TreeSummary.Empty, CancellationToken.None);
            var recipe = RecipeFactory.Parse(child.Recipe);
            if (RecipeFactory.Ideas(recipe).Count == RecipeFactory.Ideas(RecipeFactory.Parse(node.Recipe)).Count)
            {
                break; // the lineage has no idea left
            }

            ideas.Add(RecipeFactory.Ideas(recipe)[^1]);
            node = BuiltinFixture.Node($"n{i}", child, 0.1);
        }

        Assert.NotEmpty(ideas);
        Assert.DoesNotContain("more-folds", ideas);
        Assert.DoesNotContain("repeat-cv", ideas);
        var unstaged = Observations.From(BuiltinFixture.Context("penguin-species"), BuiltinFixture.Bank.Thresholds);
        Assert.Contains(BuiltinFixture.Bank.Improvements, i => i.Id == "more-folds" && i.AppliesTo(unstaged));
    }

    [Fact]
    public async Task Merger_gives_the_better_nodes_models_the_other_nodes_feature_steps()
    {
        var context = BuiltinFixture.Context("titanic-full");
        var xgb = await DraftAsync(context, "xgb/tree");
        var hgb = await DraftAsync(context, "hgb/tree");
        var plain = RecipeFactory.Parse(xgb.Recipe);
        ((JsonObject)plain["features"]!)["count_encoding"] = false;
        var encoded = RecipeFactory.Parse(hgb.Recipe);
        ((JsonObject)encoded["features"]!)["count_encoding"] = true;
        var first = BuiltinFixture.Node("a", xgb, 0.81) with { Recipe = plain.ToJsonString() };
        var second = BuiltinFixture.Node("b", hgb, 0.8) with { Recipe = encoded.ToJsonString() };

        var merged = await BuiltinFixture.Team.Merger.MergeAsync(context, first, second, TreeSummary.Empty, CancellationToken.None);

        var recipe = RecipeFactory.Parse(merged.Recipe);
        Assert.Equal("xgb/tree", RecipeFactory.Families(recipe));
        Assert.True(recipe["features"]?["count_encoding"]?.GetValue<bool>());
        Assert.Contains("union of both nodes' feature steps", merged.Plan, StringComparison.Ordinal);
    }
}
