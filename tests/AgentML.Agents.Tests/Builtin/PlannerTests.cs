using AgentML.Core.Runs;
using System.Text.Json.Nodes;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

public sealed class PlannerTests
{
    public static TheoryData<string> Tasks() => new(TestPaths.TaskNames());

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task Drafts_are_distinct_and_carry_parseable_recipes(string task)
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context(task), TreeSummary.Empty, 5, CancellationToken.None);

        Assert.Equal(5, plans.Count);
        Assert.Equal(5, BuiltinPlanner.DistinctRecipes(plans));
        foreach (var plan in plans)
        {
            Assert.True(RecipeFactory.TryParse(plan.Recipe, out var recipe), plan.Text);
            Assert.NotEmpty(RecipeFactory.Members(recipe));
            Assert.Contains("Observations:", plan.Text, StringComparison.Ordinal);
            Assert.NotEmpty(plan.Observations);
        }

        // Diversity: the first drafts use more than one model family.
        var families = plans.Take(4).SelectMany(p => RecipeFactory.Members(RecipeFactory.Parse(p.Recipe)))
            .Select(m => JsonPatch.String(m, "model")).Distinct().Count();
        Assert.True(families >= 2, $"{task}: only {families} model families in the first drafts");
    }

    [Fact]
    public async Task With_a_tiny_program_limit_the_first_draft_is_the_cheap_one()
    {
        var tight = BuiltinFixture.Context("spam-emails", timeLimitSeconds: 20);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(tight, TreeSummary.Empty, 4, CancellationToken.None);
        var recipes = plans.Select(p => RecipeFactory.Parse(p.Recipe)).ToList();
        var cost = BuiltinFixture.Recipes.Cost;

        var first = recipes[0];
        Assert.Contains(RecipeCost.FastIdea, RecipeFactory.Ideas(first));
        Assert.Equal(1, JsonPatch.Number(first["validation"]?["folds"]));
        Assert.Equal(3000, JsonPatch.Number(first["features"]?["text_max_chars"]));
        Assert.Contains("hold-out", plans[0].Text, StringComparison.Ordinal);
        Assert.All(recipes.Skip(1), r => Assert.True(cost.RigidSeconds(first, tight) <= cost.RigidSeconds(r, tight)));

        var roomy = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context("spam-emails", timeLimitSeconds: 1200), TreeSummary.Empty, 4, CancellationToken.None);
        Assert.All(roomy, p => Assert.DoesNotContain(RecipeCost.FastIdea, RecipeFactory.Ideas(RecipeFactory.Parse(p.Recipe))));
        Assert.True(cost.EstimateSeconds(first, tight) < cost.EstimateSeconds(RecipeFactory.Parse(roomy[0].Recipe), tight));
    }

    [Fact]
    public void Big_data_under_a_short_limit_fits_its_models_on_a_row_sample()
    {
        var tight = BuiltinFixture.Context("diamond-prices", timeLimitSeconds: 20);
        var observations = Observations.From(tight, BuiltinFixture.Bank.Thresholds);
        var pair = BuiltinFixture.Recipes.Draft(BuiltinFixture.Bank.Drafts.Single(d => d.Id == "xgb"), observations);
        ((JsonArray)pair["members"]!).Add(BuiltinFixture.Bank.Member("hgb", observations));

        var first = BuiltinFixture.Recipes.Cost.FitToLimit(pair, tight);

        var cap = JsonPatch.Number(first["validation"]?["max_fit_rows"]);
        Assert.NotNull(cap);
        Assert.InRange(cap!.Value, 20000, 0.8 * 0.8 * tight.Profile.TrainRows);
        Assert.Contains(RecipeCost.FastIdea, RecipeFactory.Ideas(first));

        var roomy = BuiltinFixture.Recipes.Cost.FitToLimit(pair, BuiltinFixture.Context("diamond-prices", timeLimitSeconds: 600));
        Assert.Null(roomy["validation"]?["max_fit_rows"]);
    }

    [Fact]
    public async Task Rmsle_task_trains_on_log_target()
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context("ames-house-prices"), TreeSummary.Empty, 3, CancellationToken.None);

        Assert.All(plans, p => Assert.Equal("log1p", JsonPatch.String(RecipeFactory.Parse(p.Recipe), "target_transform")));
    }

    [Fact]
    public async Task Long_text_task_starts_with_a_linear_tfidf_model()
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context("spam-emails"), TreeSummary.Empty, 2, CancellationToken.None);
        var first = RecipeFactory.Parse(plans[0].Recipe);

        Assert.Equal("linear", JsonPatch.String(RecipeFactory.Members(first).First(), "model"));
        Assert.True(first["features"]?["text"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Dense_numeric_multiclass_task_starts_with_a_kernel_machine()
    {
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(BuiltinFixture.Context("letter-recognition"), TreeSummary.Empty, 1, CancellationToken.None);

        Assert.Equal("svm/linear", RecipeFactory.Families(RecipeFactory.Parse(plans[0].Recipe)));
    }

    [Fact]
    public async Task Drafts_already_in_the_tree_are_not_proposed_again()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var first = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 2, CancellationToken.None);
        var tried = first.Select((p, i) => new SolutionView { NodeId = $"n{i}", Operator = NodeOperator.Draft, Plan = p.Text, Code = "", Recipe = p.Recipe, Status = NodeStatus.Ok, Score = 0.8 }).ToArray();

        var next = await BuiltinFixture.Team.Planner.ProposeAsync(context, new TreeSummary(tried, [], 2), 2, CancellationToken.None);

        var before = first.Select(p => RecipeFactory.Signature(RecipeFactory.Parse(p.Recipe))).ToHashSet();
        Assert.All(next, p => Assert.DoesNotContain(RecipeFactory.Signature(RecipeFactory.Parse(p.Recipe)), before));
    }

    [Fact]
    public void Observations_follow_the_thresholds_of_the_idea_bank()
    {
        var context = BuiltinFixture.Context("penguin-species");
        var rows = context.Profile.TrainRows;

        var tiny = Observations.From(context, BuiltinFixture.Bank.Thresholds with { TinyRows = rows + 1, SmallRows = rows + 2 });
        var large = Observations.From(context, BuiltinFixture.Bank.Thresholds with { TinyRows = rows, SmallRows = rows });

        Assert.Equal("tiny", tiny.SizeClass);
        Assert.Equal("large", large.SizeClass);
    }

    [Theory]
    [InlineData("drafts:\n  - title: no id\nimprovements: []", "drafts")]
    [InlineData("drafts: []\nimprovements: []\nobservations: {tiny_rows: 1000}", "small_rows")]
    public void Idea_bank_errors_name_the_file_and_the_entry(string rest, string named)
    {
        var ex = Assert.Throws<UserFacingException>(() => IdeaBank.Parse("base_recipe: {}\npresets: {}\nmembers: {}\nrules: []\n" + rest, "ideas.yaml"));

        Assert.Contains("ideas.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_draft_member_has_a_code_template()
    {
        foreach (var draft in BuiltinFixture.Bank.Drafts)
        {
            var recipe = BuiltinFixture.Recipes.Draft(draft, Observations.From(BuiltinFixture.Context("titanic-full"), BuiltinFixture.Bank.Thresholds));
            var snippets = ProgramRenderer.SnippetsFor(recipe);
            Assert.All(snippets, s => Assert.True(File.Exists(Path.Combine(TestPaths.Prompts, "builtin", "templates", s)), s));
        }
    }

    [Fact]
    public void Merge_patch_merges_objects_and_replaces_values()
    {
        var target = (JsonObject)JsonNode.Parse("""{"a": {"x": 1, "y": 2}, "b": [1, 2]}""")!;
        JsonPatch.Merge(target, (JsonObject)JsonNode.Parse("""{"a": {"y": 3}, "b": [9]}""")!);

        Assert.Equal("""{"a":{"x":1,"y":3},"b":[9]}""", target.ToJsonString());
    }
}
