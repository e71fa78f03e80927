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
        var observations = Observations.From(context);
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
            var (image, says) = recipes.Images.Improve(recipe, known);
            return Task.FromResult(BuiltinCoder.Output(context, renderer, image, ImageExpert.Describe(image, $"Improve node {parent.NodeId}: {says}.", ImageExpert.Facts(context.Task)), "improve", notes));
        }

        if (improver.Next(recipe, observations, known, RecipeImprover.TimeShare(parent, context)) is not { } next)
        {
            // Every idea has been tried on this lineage: change the seed-dependent parts by repeating the CV.
            next = (recipes.Bank.Improvements[0], recipe);
            notes.Add("No untried improvement is left for this lineage; re-rendered the parent's recipe.");
        }

        var headline = $"Improve node {parent.NodeId} ({RecipeFactory.Families(recipe)}, score {parent.Score?.ToString("G5", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}): {next.Idea.Says}.";
        var plan = writer.Describe(next.Recipe, observations, headline);
        return Task.FromResult(BuiltinCoder.Output(context, renderer, next.Recipe, plan, "improve", notes));
    }
}
