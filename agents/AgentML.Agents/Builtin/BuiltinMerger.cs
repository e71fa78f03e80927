using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>Combines two nodes into one program: the union of their members and feature steps, blended on out-of-fold predictions.</summary>
public sealed class BuiltinMerger(RecipeFactory recipes, PlanWriter writer, ProgramRenderer renderer) : IMerger
{
    public Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken)
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
            return Task.FromResult(BuiltinCoder.Output(context, renderer, image, ImageExpert.Describe(image, says, recipes.Images.Facts(context)), "merge", notes));
        }

        var (merged, crossover) = Cross(a, b);
        var headline = crossover
            ? $"Merge node {first.NodeId} ({RecipeFactory.Families(a)}) with node {second.NodeId} ({RecipeFactory.Families(b)}): " +
              $"the models of node {first.NodeId} on the union of both nodes' feature steps (the search's ensemble already blends the two nodes' predictions)."
            : $"Merge node {first.NodeId} ({RecipeFactory.Families(a)}) with node {second.NodeId} ({RecipeFactory.Families(b)}): " +
              "fit every member on the same folds and blend them with weights chosen on out-of-fold predictions.";
        var plan = writer.Describe(merged, observations, headline);
        return Task.FromResult(BuiltinCoder.Output(context, renderer, merged, plan, "merge", notes));
    }

    /// <summary>
    /// The first recipe's members on the union of both recipes' feature steps, when that differs from the
    /// first recipe (true); else <see cref="Merge"/>. Blending two nodes' members is what the search's out-of-fold
    /// ensemble already does with the nodes themselves, so a merge that changes features is the one that adds something.
    /// </summary>
    public static (JsonObject Recipe, bool Crossover) Cross(JsonObject first, JsonObject second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var crossed = JsonPatch.Clone(first);
        UnionFeatures(crossed, second);
        if (RecipeFactory.Signature(crossed) == RecipeFactory.Signature(first))
        {
            return (Merge(first, second), false);
        }

        crossed["title"] = $"{RecipeFactory.Families(crossed)} on the features of both parents";
        crossed["operator"] = "merge";
        return (crossed, true);
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
