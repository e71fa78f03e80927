using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>One atomic change to a working node: the most promising idea of the bank not yet tried on its lineage.</summary>
public sealed class BuiltinImprover(RecipeFactory recipes, RecipeImprover improver, PlanWriter writer, ProgramRenderer renderer) : IImprover
{
    public Task<AgentOutput> ImproveAsync(TaskContext context, SolutionView parent, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(tree);
        cancellationToken.ThrowIfCancellationRequested();
        var observations = Observations.From(context, recipes.Bank.Thresholds);
        var notes = new List<string>();
        if (!RecipeFactory.TryParse(parent.Recipe, out var recipe))
        {
            recipe = BuiltinCoder.BestDraft(recipes, observations);
            notes.Add("The parent has no builtin recipe; improving the best builtin draft instead.");
        }

        var known = BuiltinPlanner.KnownSignatures(tree);
        known.Add(RecipeFactory.Signature(recipe));
        if (ImageExpert.IsImageRecipe(recipe))
        {
            var (image, says) = recipes.Images.Improve(recipe, known, context);
            return Task.FromResult(BuiltinCoder.Output(context, renderer, image, ImageExpert.Describe(image, $"Improve node {parent.NodeId}: {says}.", recipes.Images.Facts(context)), "improve", notes));
        }

        var recipesInTree = tree.TriedRecipes.Concat(tree.Best.Select(n => n.Recipe)).ToList();
        var portfolioTried = RecipeImprover.PortfolioTried(recipesInTree);
        var refinements = recipesInTree.Count(r => RecipeFactory.TryParse(r, out var x) && RecipeFactory.Ideas(x).Count > 0 && JsonPatch.String(x, "portfolio") is null);
        // Diversity for the ensemble: about one improve in three fits a new portfolio configuration; the others refine.
        var portfolioFirst = portfolioTried.Count * 2 < refinements;
        var alone = RecipeImprover.FamiliesAlone(recipesInTree);
        var refine = () => improver.Next(recipe, observations, known, RecipeImprover.TimeShare(parent, context), alone);
        var portfolio = () => improver.NextPortfolio(recipe, observations, known, portfolioTried);
        var next = (portfolioFirst ? portfolio() ?? refine() : refine() ?? portfolio()) ?? RandomConfiguration(recipe, observations, known, recipesInTree);
        if (next is null)
        {
            // Every idea and configuration has been tried: the program repeats its parent (the search prunes repeats).
            next = (recipes.Bank.Improvements[0], recipe);
            notes.Add("No untried improvement or portfolio configuration is left for this lineage.");
        }

        var headline = $"Improve node {parent.NodeId} ({RecipeFactory.Families(recipe)}, score {parent.Score?.ToString("G5", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}): {next.Value.Idea.Says}.";
        var plan = writer.Describe(next.Value.Recipe, observations, headline);
        return Task.FromResult(BuiltinCoder.Output(context, renderer, next.Value.Recipe, plan, "improve", notes));
    }

    /// <summary>The parent's members with settings drawn from the bank's search space (numbered across the tree).</summary>
    private (Idea Idea, JsonObject Recipe)? RandomConfiguration(JsonObject parent, Observations observations, ISet<string> known, IEnumerable<string?> recipesInTree)
    {
        var drawn = recipesInTree.Distinct(StringComparer.Ordinal)
            .Count(r => RecipeFactory.TryParse(r, out var x) && RecipeFactory.Ideas(x).Contains(RandomConfigurations.IdeaId));
        if (recipes.Bank.Random.Next(parent, observations, known, drawn) is not { } draw)
        {
            return null;
        }

        var says = $"new settings for {RecipeFactory.Families(parent)} drawn from the search space (draw {draw.Draw + 1}: every idea and portfolio configuration was tried on this lineage; a different model is what the ensemble can still use)";
        RecipeFactory.AddIdea(draw.Recipe, RandomConfigurations.IdeaId);
        draw.Recipe["operator"] = "improve";
        draw.Recipe["drawn"] = draw.Draw;
        draw.Recipe.Remove("portfolio");
        draw.Recipe["title"] = $"{RecipeFactory.Families(parent)} with drawn settings";
        return (new Idea(RandomConfigurations.IdeaId, new JsonObject { ["says"] = says }), draw.Recipe);
    }
}
