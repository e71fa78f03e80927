using System.Text.Json.Nodes;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Builtin;

/// <summary>PlanSearch without an LLM: observations → the idea bank's drafts that fit them, ranked → distinct plans.</summary>
public sealed partial class BuiltinPlanner(RecipeFactory recipes, RecipeImprover improver, PlanWriter writer, ILogger<BuiltinPlanner> logger) : IPlanner
{
    public Task<IReadOnlyList<Plan>> ProposeAsync(TaskContext context, TreeSummary tree, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tree);
        cancellationToken.ThrowIfCancellationRequested();
        if (recipes.Images.Handles(context))
        {
            return Task.FromResult(recipes.Images.Plans(context, KnownSignatures(tree), count));
        }

        var observations = Observations.From(context, recipes.Bank.Thresholds);
        var known = KnownSignatures(tree);
        var chosen = new List<JsonObject>();
        foreach (var draft in RankDrafts(observations))
        {
            Add(recipes.Draft(draft, observations));
        }

        // More plans asked than the bank has distinct drafts: vary the best ones with their next improvement.
        for (var i = 0; chosen.Count < count && i < chosen.Count; i++)
        {
            if (improver.Next(chosen[i], observations, known) is { } variant)
            {
                variant.Recipe["operator"] = "draft";
                variant.Recipe["title"] = $"{JsonPatch.String(chosen[i], "title")}, variant: {variant.Idea.Says}";
                Add(variant.Recipe);
            }
        }

        var selected = CheapestFirstWhenShort(chosen.Take(Math.Max(0, count)).ToArray(), context);
        var distinct = selected.Select(RecipeFactory.Families).Distinct(StringComparer.Ordinal).Count();
        LogPlans(logger, selected.Length, distinct, string.Join(" | ", selected.Select(RecipeFactory.Families)));
        IReadOnlyList<Plan> plans = selected.Select((recipe, i) => new Plan(
            writer.Describe(recipe, observations,
                $"Draft {i + 1} of {selected.Length}: {JsonPatch.String(recipe, "title")}. (The drafts cover {distinct} distinct model combinations.)"),
            recipe.ToJsonString(JsonPatch.Indented),
            observations.Sentences)).ToArray();
        return Task.FromResult(plans);

        void Add(JsonObject recipe)
        {
            // Fitted to a short per-program limit first: two drafts that only differed in what the fast patch removes
            // would be the same program.
            var fitted = recipes.Cost.FitToLimit(recipe, context);
            if (chosen.Count < count && known.Add(RecipeFactory.Signature(fitted)))
            {
                chosen.Add(fitted);
            }
        }
    }

    /// <summary>
    /// When even the best plan's parts that no deadline can cut short may not finish within the per-program limit,
    /// the plans are ordered cheapest first, so that a valid program exists early.
    /// </summary>
    private JsonObject[] CheapestFirstWhenShort(JsonObject[] fitted, TaskContext context)
    {
        if (fitted.Length > 1 && recipes.Cost.MayNotFinish(fitted[0], context))
        {
            fitted = [.. fitted.OrderBy(r => recipes.Cost.RigidSeconds(r, context))];
            LogCheapestFirst(logger, JsonPatch.String(fitted[0], "title") ?? "?");
        }

        return fitted;
    }

    /// <summary>How many distinct recipes (model combinations and options) a set of plans covers.</summary>
    public static int DistinctRecipes(IEnumerable<Plan> plans) =>
        plans.Select(p => RecipeFactory.TryParse(p.Recipe, out var r) ? RecipeFactory.Signature(r) : p.Text).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The drafts whose conditions hold, best first (priority plus the boosts of observations that hold).</summary>
    public IEnumerable<Idea> RankDrafts(Observations observations) =>
        recipes.Bank.Drafts
            .Where(d => d.AppliesTo(observations))
            .Select((d, order) => (Draft: d, Score: Rank(d, observations), Order: order))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .Select(x => x.Draft);

    public static HashSet<string> KnownSignatures(TreeSummary tree) =>
        tree.Best.Concat(tree.RecentFailures).Select(n => n.Recipe).Concat(tree.TriedRecipes)
            .Select(recipe => RecipeFactory.TryParse(recipe, out var r) ? RecipeFactory.Signature(r) : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static double Rank(Idea draft, Observations observations)
    {
        var score = JsonPatch.Number(draft.Body["priority"]) ?? 0;
        if (draft.Body["boost"] is JsonObject boost)
        {
            score += boost.Where(kv => observations.Has(kv.Key)).Sum(kv => JsonPatch.Number(kv.Value) ?? 0);
        }

        return score;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Builtin planner: the time limit is short for the data; cheapest draft first: {Title}")]
    private static partial void LogCheapestFirst(ILogger logger, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Builtin planner: {Count} drafts, {Distinct} distinct model combinations: {Families}")]
    private static partial void LogPlans(ILogger logger, int count, int distinct, string families);
}
