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
        var next = (portfolioFirst ? portfolio() ?? refine() : refine() ?? portfolio()) ?? improver.NextDrawn(recipe, observations, known, recipesInTree);
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
}
