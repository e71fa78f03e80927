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
        return await BuiltinFixture.Team.Coder.WriteAsync(context, plan, TreeSummary.Empty, CancellationToken.None);
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

    [Fact]
    public async Task A_lineage_whose_ideas_and_portfolio_are_used_up_draws_new_settings_instead_of_repeating()
    {
        var context = BuiltinFixture.Context("titanic-full") with { Staged = new StagedRows(1300, 300, 5) };
        var node = BuiltinFixture.Node("n0", await DraftAsync(context, "hgb/tree"), 0.8);
        var tried = new List<string> { node.Recipe! };
        for (var i = 1; i <= 40; i++)
        {
            var child = await BuiltinFixture.Team.Improver.ImproveAsync(context, node, new TreeSummary([node], [], tried.Count) { TriedRecipes = tried }, CancellationToken.None);
            tried.Add(child.Recipe!);
            node = BuiltinFixture.Node($"n{i}", child, 0.8);
        }

        var signatures = tried.Select(r => RecipeFactory.Signature(RecipeFactory.Parse(r))).ToList();
        Assert.Equal(signatures.Count, signatures.Distinct().Count());
        var drawn = tried.Select(RecipeFactory.Parse).Where(r => r["drawn"] is not null).ToList();
        Assert.True(drawn.Count >= 10, $"only {drawn.Count} drawn configurations in 40 improvements");
        var members = drawn.SelectMany(RecipeFactory.Members).ToList();
        foreach (var member in members)
        {
            var (name, low, high) = JsonPatch.String(member, "model") is "forest" ? ("max_features", 0.2, 1.0) : ("learning_rate", 0.02, 0.15);
            Assert.InRange(JsonPatch.Number(member["params"]?[name])!.Value, low, high);
        }

        Assert.True(members.Select(m => m["params"]!.ToJsonString()).Distinct().Count() > members.Count / 2);
    }

    [Fact]
    public void Draws_are_reproducible_and_follow_the_task_kind()
    {
        var space = (JsonObject)JsonNode.Parse("""{"linear": {"C": [0.01, 100, "log", "classification"], "alpha": [0.1, 300, "log", "regression"]}}""")!;
        var configurations = new RandomConfigurations(space, "ideas.yaml");
        var classification = Observations.From(BuiltinFixture.Context("titanic-full"), BuiltinFixture.Bank.Thresholds);
        var recipe = (JsonObject)JsonNode.Parse("""{"members": [{"name": "linear", "model": "linear", "view": "linear", "params": {}, "search": {"C": [1, 3]}}]}""")!;

        var first = configurations.Next(recipe, classification, new HashSet<string>(), 0)!.Value;
        var again = configurations.Next(recipe, classification, new HashSet<string>(), 0)!.Value;
        var second = configurations.Next(recipe, classification, new HashSet<string> { RecipeFactory.Signature(first.Recipe) }, 0)!.Value;

        Assert.Equal(RecipeFactory.Signature(first.Recipe), RecipeFactory.Signature(again.Recipe));
        Assert.Equal(1, second.Draw);
        var parameters = (JsonObject)RecipeFactory.Members(first.Recipe).Single()["params"]!;
        Assert.InRange(JsonPatch.Number(parameters["C"])!.Value, 0.01, 100);
        Assert.Null(parameters["alpha"]);
        Assert.Null(RecipeFactory.Members(first.Recipe).Single()["search"]);
    }

    [Theory]
    [InlineData("""{"hgb": {"learning_rate": [0.2, 0.1]}}""", "hgb.learning_rate")]
    [InlineData("""{"hgb": {"learning_rate": [0, 0.1, "log"]}}""", "hgb.learning_rate")]
    [InlineData("""{"xgb": {"max_depth": [3, 10, "integer"]}}""", "xgb.max_depth")]
    [InlineData("""{"svm": 3}""", "'svm'")]
    public void A_malformed_search_space_is_an_error_naming_the_file_and_the_setting(string space, string named)
    {
        var ex = Assert.Throws<UserFacingException>(() => new RandomConfigurations((JsonObject)JsonNode.Parse(space)!, "ideas.yaml"));

        Assert.Contains("ideas.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
