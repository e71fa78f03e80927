using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>
/// Combines two nodes into one program: the better node's models on the union of both nodes' feature steps. Two nodes
/// on the same feature steps have nothing to cross: where probabilities or values are submitted, a blend of their
/// members is what the search's out-of-fold ensemble already does with the two nodes themselves, so the merge improves
/// the better node instead; where labels are submitted (accuracy, F1, kappa, map@k), the ensemble can only vote labels,
/// and the merge blends both nodes' members' probabilities in one program.
/// </summary>
public sealed class BuiltinMerger(RecipeFactory recipes, PlanWriter writer, ProgramRenderer renderer, IImprover improver) : IMerger
{
    public async Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        cancellationToken.ThrowIfCancellationRequested();
        var observations = Observations.From(context, recipes.Bank.Thresholds);
        var notes = new List<string>();
        var a = RecipeOf(first, observations, notes);
        var b = RecipeOf(second, observations, notes);
        if (ImageExpert.IsImageRecipe(a) || ImageExpert.IsImageRecipe(b))
        {
            var image = ImageExpert.Merge(ImageExpert.IsImageRecipe(a) ? a : b, ImageExpert.IsImageRecipe(b) ? b : a);
            var says = $"Merge node {first.NodeId} with node {second.NodeId}: the network blended with the image-feature model on out-of-fold predictions.";
            return BuiltinCoder.Output(context, renderer, image, ImageExpert.Describe(image, says, recipes.Images.Facts(context)), "merge", notes);
        }

        var pair = $"Merge node {first.NodeId} ({RecipeFactory.Families(a)}) with node {second.NodeId} ({RecipeFactory.Families(b)})";
        var crossed = Cross(a, b);
        if (crossed is null && observations.Has("metric-labels"))
        {
            // Labels are submitted: the search's ensemble can only vote the nodes' labels, while one program blends its
            // members' probabilities before it picks a label.
            var blend = Merge(a, b);
            var says = $"{pair}: fit every member on the same folds and blend their probabilities with weights chosen on " +
                       "out-of-fold predictions (the search's ensemble can only vote the two nodes' labels).";
            return BuiltinCoder.Output(context, renderer, blend, writer.Describe(blend, observations, says), "merge", notes);
        }

        if (crossed is null)
        {
            var improved = await improver.ImproveAsync(context, first, tree, cancellationToken).ConfigureAwait(false);
            var why = $"{pair}: both nodes run on the same feature steps, and the search's out-of-fold ensemble already blends " +
                      $"their predictions, so a blend of their models would add nothing; node {first.NodeId} is improved instead.";
            return improved with { Plan = $"{why}\n\n{improved.Plan}", Notes = [.. notes, .. improved.Notes] };
        }

        var headline = $"{pair}: the models of node {first.NodeId} on the union of both nodes' feature steps " +
                       "(the search's ensemble already blends the two nodes' predictions).";
        var plan = writer.Describe(crossed, observations, headline);
        return BuiltinCoder.Output(context, renderer, crossed, plan, "merge", notes);
    }

    /// <summary>The first recipe's members on the union of both recipes' feature steps, or null when that is the first recipe.</summary>
    public static JsonObject? Cross(JsonObject first, JsonObject second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var crossed = JsonPatch.Clone(first);
        UnionFeatures(crossed, second);
        if (RecipeFactory.Signature(crossed) == RecipeFactory.Signature(first))
        {
            return null;
        }

        crossed["title"] = $"{RecipeFactory.Families(crossed)} on the features of both parents";
        crossed["operator"] = "merge";
        return crossed;
    }

    /// <summary>The first recipe (the better node) with the second's distinct members added and its feature steps unioned.</summary>
    public static JsonObject Merge(JsonObject first, JsonObject second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var merged = JsonPatch.Clone(first);
        var members = merged["members"] as JsonArray ?? [];
        var present = RecipeFactory.Members(merged).Select(MemberKey).ToHashSet(StringComparer.Ordinal);
        foreach (var member in RecipeFactory.Members(second).Where(m => present.Add(MemberKey(m))))
        {
            var copy = JsonPatch.Clone(member);
            copy["name"] = RecipeImprover.UniqueName(merged, JsonPatch.String(member, "name") ?? "model");
            members.Add(copy);
        }

        UnionFeatures(merged, second);
        if (JsonPatch.Number(second["validation"]?["folds"]) is { } folds && folds > (JsonPatch.Number(merged["validation"]?["folds"]) ?? 5))
        {
            merged["validation"]!["folds"] = folds;
        }

        AddIdeas(merged, second);
        merged["title"] = $"Blend of {RecipeFactory.Families(merged)}";
        merged["operator"] = "merge";
        return merged;
    }

    private static void AddIdeas(JsonObject merged, JsonObject second)
    {
        foreach (var idea in RecipeFactory.Ideas(second).Except(RecipeFactory.Ideas(merged), StringComparer.Ordinal).ToArray())
        {
            RecipeFactory.AddIdea(merged, idea);
        }
    }

    private JsonObject RecipeOf(SolutionView node, Observations observations, List<string> notes)
    {
        if (RecipeFactory.TryParse(node.Recipe, out var recipe))
        {
            return recipe;
        }

        notes.Add($"Node {node.NodeId} has no builtin recipe; its code cannot be merged, so it is represented by the best builtin draft.");
        return BuiltinCoder.BestDraft(recipes, observations);
    }

    private static string MemberKey(JsonObject member) =>
        $"{JsonPatch.String(member, "model")}|{JsonPatch.String(member, "view")}|{member["params"]?.ToJsonString()}";

    private static void UnionFeatures(JsonObject merged, JsonObject second)
    {
        if (second["features"] is not JsonObject theirs)
        {
            return;
        }

        if (merged["features"] is not JsonObject ours)
        {
            merged["features"] = ours = [];
        }

        foreach (var (key, value) in theirs)
        {
            var mine = ours[key];
            if (mine is null)
            {
                ours[key] = value?.DeepClone();
            }
            else if (value is JsonValue v && v.TryGetValue<bool>(out var flag) && flag)
            {
                ours[key] = true; // a feature step either node used is kept
            }
        }
    }
}
