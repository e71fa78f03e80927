using AgentML.Core.Runs;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Tests.Builtin;

public sealed class RoleTests
{
    private static async Task<AgentOutput> DraftAsync(string task, Func<string, bool> families)
    {
        var context = BuiltinFixture.Context(task);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 8, CancellationToken.None);
        var plan = plans.First(p => families(RecipeFactory.Families(RecipeFactory.Parse(p.Recipe))));
        return await BuiltinFixture.Team.Coder.WriteAsync(context, plan, TreeSummary.Empty, CancellationToken.None);
    }

    [Fact]
    public async Task Improver_makes_one_new_change_per_step()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var draft = await DraftAsync("credit-scoring", f => f == "xgb/tree");
        var parent = BuiltinFixture.Node("p", draft, 0.84);

        var first = await BuiltinFixture.Team.Improver.ImproveAsync(context, parent, TreeSummary.Empty, CancellationToken.None);
        var second = await BuiltinFixture.Team.Improver.ImproveAsync(context, BuiltinFixture.Node("c", first, 0.85), TreeSummary.Empty, CancellationToken.None);

        var ideas0 = RecipeFactory.Ideas(RecipeFactory.Parse(draft.Recipe));
        var ideas1 = RecipeFactory.Ideas(RecipeFactory.Parse(first.Recipe));
        var ideas2 = RecipeFactory.Ideas(RecipeFactory.Parse(second.Recipe));
        Assert.Equal(ideas0.Count + 1, ideas1.Count);
        Assert.Equal(ideas1.Count + 1, ideas2.Count);
        Assert.NotEqual(ideas1[^1], ideas2[^1]);
        Assert.Contains("Improve node p", first.Plan, StringComparison.Ordinal);
        Assert.NotEqual(RecipeFactory.Signature(RecipeFactory.Parse(draft.Recipe)), RecipeFactory.Signature(RecipeFactory.Parse(first.Recipe)));
    }

    [Fact]
    public async Task Improver_skips_changes_the_tree_already_holds()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var draft = await DraftAsync("credit-scoring", f => f == "xgb/tree");
        var parent = BuiltinFixture.Node("p", draft, 0.84);
        var first = await BuiltinFixture.Team.Improver.ImproveAsync(context, parent, TreeSummary.Empty, CancellationToken.None);

        var again = await BuiltinFixture.Team.Improver.ImproveAsync(context, parent, new TreeSummary([BuiltinFixture.Node("c", first, 0.85)], [], 2), CancellationToken.None);

        Assert.NotEqual(RecipeFactory.Signature(RecipeFactory.Parse(first.Recipe)), RecipeFactory.Signature(RecipeFactory.Parse(again.Recipe)));
    }

    [Fact]
    public async Task Improver_skips_changes_tried_anywhere_in_the_tree_not_only_among_the_best()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var draft = await DraftAsync("credit-scoring", f => f == "xgb/tree");
        var parent = BuiltinFixture.Node("p", draft, 0.84);
        var first = await BuiltinFixture.Team.Improver.ImproveAsync(context, parent, TreeSummary.Empty, CancellationToken.None);

        // The first change scored worse and dropped out of the best nodes; only the tree's recipe list holds it.
        var tree = new TreeSummary([parent], [], 2) { TriedRecipes = [draft.Recipe!, first.Recipe!] };
        var again = await BuiltinFixture.Team.Improver.ImproveAsync(context, parent, tree, CancellationToken.None);

        Assert.NotEqual(RecipeFactory.Signature(RecipeFactory.Parse(first.Recipe)), RecipeFactory.Signature(RecipeFactory.Parse(again.Recipe)));
    }

    [Fact]
    public async Task Merger_of_two_nodes_on_the_same_features_blends_their_models_where_labels_are_submitted()
    {
        var context = BuiltinFixture.Context("titanic-full");
        var xgb = await DraftAsync("titanic-full", f => f == "xgb/tree");
        var linear = await DraftAsync("titanic-full", f => f == "linear/linear");

        var merged = await BuiltinFixture.Team.Merger.MergeAsync(context, BuiltinFixture.Node("a", xgb, 0.81), BuiltinFixture.Node("b", linear, 0.8), TreeSummary.Empty, CancellationToken.None);

        var recipe = RecipeFactory.Parse(merged.Recipe);
        Assert.Equal("xgb/tree + linear/linear", RecipeFactory.Families(recipe));
        Assert.Contains("30_view_tree.py", ProgramRenderer.SnippetsFor(recipe));
        Assert.Contains("31_view_linear.py", ProgramRenderer.SnippetsFor(recipe));
        Assert.Contains("blend", merged.Plan, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Merger_of_two_nodes_on_the_same_features_improves_the_better_node_where_probabilities_are_submitted()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var xgb = await DraftAsync("credit-scoring", f => f == "xgb/tree");
        var linear = await DraftAsync("credit-scoring", f => f == "linear/linear");
        var sameFeatures = RecipeFactory.Parse(linear.Recipe);
        sameFeatures["features"] = RecipeFactory.Parse(xgb.Recipe)["features"]!.DeepClone();
        var first = BuiltinFixture.Node("a", xgb, 0.81);
        var second = BuiltinFixture.Node("b", linear, 0.8) with { Recipe = sameFeatures.ToJsonString() };
        var tree = new TreeSummary([first, second], [], 2) { TriedRecipes = [first.Recipe!, second.Recipe!] };

        var merged = await BuiltinFixture.Team.Merger.MergeAsync(context, first, second, tree, CancellationToken.None);

        // Not a blend of the two: node a's next improvement (here a portfolio configuration on its features).
        var recipe = RecipeFactory.Parse(merged.Recipe);
        Assert.Single(RecipeFactory.Members(recipe));
        Assert.Equal(RecipeFactory.Parse(xgb.Recipe)["features"]!.ToJsonString(), recipe["features"]!.ToJsonString());
        Assert.NotEqual(RecipeFactory.Signature(RecipeFactory.Parse(xgb.Recipe)), RecipeFactory.Signature(recipe));
        Assert.Contains("node a is improved instead", merged.Plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Traceback (most recent call last):\nMemoryError: Unable to allocate 3.2 GiB", null, FailureKind.OutOfMemory)]
    [InlineData("ValueError: could not convert string to float: 'male'", null, FailureKind.StringToFloat)]
    [InlineData("ValueError: Input X contains NaN.", null, FailureKind.NotFinite)]
    [InlineData("ValueError: n_splits=5 cannot be greater than the number of members in each class.", null, FailureKind.MissingClass)]
    [InlineData("", "timeout after 90 s", FailureKind.Timeout)]
    [InlineData("wrote submission", "invalid submission: 12 missing ids", FailureKind.SubmissionFormat)]
    [InlineData("ValueError: Found unknown categories ['x'] in column 2 during transform", null, FailureKind.UnseenCategory)]
    [InlineData("ZeroDivisionError: division by zero", null, FailureKind.Unknown)]
    public void Failure_classes_are_recognised(string output, string? error, FailureKind expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(output, error));

    [Fact]
    public async Task Debugger_scales_a_timed_out_recipe_down_and_again_after_a_second_timeout()
    {
        var context = BuiltinFixture.Context("letter-recognition");
        var draft = await DraftAsync("letter-recognition", f => f.Contains("svm", StringComparison.Ordinal));
        var draftRows = RecipeCost.FitRows(RecipeFactory.Parse(draft.Recipe), DataSize.Of(context));

        var fixedOnce = await BuiltinFixture.Team.Debugger.DebugAsync(context, BuiltinFixture.Node("d", draft, status: NodeStatus.Buggy, error: "timeout after 90 s"), TreeSummary.Empty, CancellationToken.None);
        var once = RecipeFactory.Parse(fixedOnce.Recipe);
        Assert.DoesNotContain("svm", RecipeFactory.Families(once), StringComparison.Ordinal);
        Assert.Equal(1, JsonPatch.Number(once["validation"]?["folds"]));
        var onceRows = JsonPatch.Number(once["validation"]?["max_fit_rows"])!.Value;
        Assert.Equal(Math.Floor(draftRows / 2), onceRows, 0);
        Assert.Contains(RecipeCost.ScaledIdea, RecipeFactory.Ideas(once));
        Assert.Contains("out of time", fixedOnce.Plan, StringComparison.Ordinal);
        Assert.Contains("hold-out", fixedOnce.Plan, StringComparison.Ordinal);

        var fixedTwice = await BuiltinFixture.Team.Debugger.DebugAsync(context, BuiltinFixture.Node("e", fixedOnce, status: NodeStatus.Buggy, outputText: "RuntimeError: timeout: the first cross-validation fold did not finish inside the time limit"), TreeSummary.Empty, CancellationToken.None);
        var twice = RecipeFactory.Parse(fixedTwice.Recipe);
        Assert.Equal(Math.Floor(onceRows / 2), JsonPatch.Number(twice["validation"]?["max_fit_rows"])!.Value, 0);
        Assert.Equal(RecipeFactory.Families(once), RecipeFactory.Families(twice));
    }

    [Fact]
    public async Task Debugger_halves_the_text_of_a_timed_out_text_recipe()
    {
        var context = BuiltinFixture.Context("spam-emails", timeLimitSeconds: 600);
        var draft = await DraftAsync("spam-emails", f => f == "linear/linear");
        var before = JsonPatch.Number(RecipeFactory.Parse(draft.Recipe)["features"]?["text_max_chars"])!.Value;

        var repaired = await BuiltinFixture.Team.Debugger.DebugAsync(context, BuiltinFixture.Node("t", draft, status: NodeStatus.Buggy, error: "timeout exit 137 (time limit 36 s)"), TreeSummary.Empty, CancellationToken.None);

        var recipe = RecipeFactory.Parse(repaired.Recipe);
        Assert.True(JsonPatch.Number(recipe["features"]?["text_max_chars"]) <= Math.Min(before, 3000) / 2);
        Assert.Null(recipe["features"]?["char_ngrams"]);
        Assert.Equal("[1,1]", recipe["features"]?["word_ngrams"]?.ToJsonString());
    }

    [Fact]
    public async Task Improver_skips_costly_changes_when_the_parent_used_most_of_its_time_limit()
    {
        var context = BuiltinFixture.Context("credit-scoring");
        var draft = await DraftAsync("credit-scoring", f => f == "xgb/tree");
        var slow = BuiltinFixture.Node("p", draft, 0.84) with { Duration = context.ProgramTimeLimit * 0.9 };

        var child = await BuiltinFixture.Team.Improver.ImproveAsync(context, slow, TreeSummary.Empty, CancellationToken.None);
        var quick = await BuiltinFixture.Team.Improver.ImproveAsync(context, slow with { Duration = context.ProgramTimeLimit * 0.2 }, TreeSummary.Empty, CancellationToken.None);

        var costly = BuiltinFixture.Bank.Improvements.Where(i => i.Body["costly"] is not null).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(RecipeFactory.Ideas(RecipeFactory.Parse(child.Recipe))[^1], costly);
        Assert.Contains(RecipeFactory.Ideas(RecipeFactory.Parse(quick.Recipe))[^1], costly);
    }

    [Fact]
    public async Task Debugger_rewrites_foreign_code_from_a_builtin_draft()
    {
        var context = BuiltinFixture.Context("penguin-species");
        var foreign = new SolutionView { NodeId = "x", Operator = NodeOperator.Draft, Plan = "llm plan", Code = "import foo", Status = NodeStatus.Buggy, Output = "ModuleNotFoundError: No module named 'foo'" };

        var repaired = await BuiltinFixture.Team.Debugger.DebugAsync(context, foreign, TreeSummary.Empty, CancellationToken.None);

        Assert.True(RecipeFactory.TryParse(repaired.Recipe, out _));
        Assert.Contains("no builtin recipe", string.Join(" ", repaired.Notes), StringComparison.Ordinal);
        Assert.Contains("ModuleNotFoundError", repaired.Plan, StringComparison.Ordinal);
    }
}
