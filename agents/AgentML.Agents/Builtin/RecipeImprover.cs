using System.Text.Json.Nodes;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>Applies the idea bank's atomic improvements to recipes.</summary>
public sealed class RecipeImprover(IdeaBank bank)
{
    /// <summary>Share of the time limit a parent's run used from which costly improvements are skipped.</summary>
    public const double CostlyFrom = 0.7;

    /// <summary>Share of the program time limit a node's run used (0 when unknown).</summary>
    public static double TimeShare(SolutionView node, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        return node.Duration is { } duration && context.ProgramTimeLimit > TimeSpan.Zero ? duration / context.ProgramTimeLimit : 0;
    }

    /// <summary>The first improvement (bank order = most promising first) that applies, is new to this lineage and
    /// yields a recipe not in <paramref name="known"/>; null when none is left.</summary>
    /// <param name="timeShare">Share of its time limit the parent's run used: from <see cref="CostlyFrom"/> on, ideas
    /// marked `costly` (more members, folds or rounds) are skipped, since the child would not fit the limit.</param>
    /// <param name="alone">Members (<see cref="RecipeFactory.FamilyKey"/>) the tree already runs as a node of their own: the search's
    /// out-of-fold ensemble already combines them with any node, so adding one to a blend would only repeat that.</param>
    public (Idea Idea, JsonObject Recipe)? Next(JsonObject recipe, Observations observations, ISet<string> known, double timeShare = 0, IReadOnlySet<string>? alone = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(known);
        var tried = RecipeFactory.Ideas(recipe).ToHashSet(StringComparer.Ordinal);
        var affordable = bank.Improvements.Where(i => timeShare < CostlyFrom || i.Body["costly"] is not JsonValue costly || !costly.TryGetValue<bool>(out var c) || !c);
        foreach (var idea in affordable.Where(i => !tried.Contains(i.Id) && i.AppliesTo(observations)))
        {
            if (alone is not null && JsonPatch.String(idea.Body, "add_member") is { } added && alone.Contains(RecipeFactory.FamilyKey(bank.Member(added, observations))))
            {
                continue;
            }

            var changed = Apply(idea, recipe, observations);
            if (changed is not null && !known.Contains(RecipeFactory.Signature(changed)))
            {
                return (idea, changed);
            }
        }

        return null;
    }

    /// <summary>
    /// The next portfolio configuration (bank order: best value per second first) that applies and that no recipe in
    /// <paramref name="known"/> or <paramref name="tried"/> already fits: the parent's features and validation with
    /// that single model. Null when the portfolio is used up.
    /// </summary>
    public (Idea Idea, JsonObject Recipe)? NextPortfolio(JsonObject parent, Observations observations, ISet<string> known, ISet<string> tried)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(tried);
        foreach (var entry in bank.Portfolio.Where(p => !tried.Contains(p.Id) && p.AppliesTo(observations)))
        {
            var member = bank.Member(JsonPatch.String(entry.Body, "member")!, observations);
            if (entry.Body["params"] is JsonObject parameters)
            {
                JsonPatch.Merge(member["params"] as JsonObject ?? (JsonObject)(member["params"] = new JsonObject()), parameters);
                member.Remove("search");
            }

            member["name"] = entry.Id.Replace('-', '_');
            var recipe = JsonPatch.Clone(parent);
            recipe["members"] = new JsonArray(member);
            ForgetOrigin(recipe);
            recipe["portfolio"] = entry.Id;
            recipe["title"] = entry.Says;
            recipe["operator"] = "improve";
            if (!known.Contains(RecipeFactory.Signature(recipe)))
            {
                return (entry, recipe);
            }
        }

        return null;
    }

    /// <summary>
    /// The parent's members with settings drawn from the bank's search space, for a lineage whose ideas and portfolio
    /// are used up; draws are numbered across <paramref name="recipesInTree"/>. Null when no member has a search space.
    /// </summary>
    public (Idea Idea, JsonObject Recipe)? NextDrawn(JsonObject parent, Observations observations, ISet<string> known, IEnumerable<string?> recipesInTree)
    {
        ArgumentNullException.ThrowIfNull(recipesInTree);
        var drawn = recipesInTree.Distinct(StringComparer.Ordinal)
            .Count(r => RecipeFactory.TryParse(r, out var x) && RecipeFactory.Ideas(x).Contains(RandomConfigurations.IdeaId));
        if (bank.Random.Next(parent, observations, known, drawn) is not { } draw)
        {
            return null;
        }

        var recipe = draw.Recipe;
        RecipeFactory.AddIdea(recipe, RandomConfigurations.IdeaId);
        recipe["operator"] = "improve";
        ForgetOrigin(recipe);
        recipe["drawn"] = draw.Draw;
        recipe["title"] = $"{RecipeFactory.Families(parent)} with drawn settings";
        var says = $"new settings for {RecipeFactory.Families(parent)} drawn from the search space (draw {draw.Draw + 1}: every idea and portfolio configuration was tried on this lineage; a different model is what the ensemble can still use)";
        return (new Idea(RandomConfigurations.IdeaId, new JsonObject { ["says"] = says }), recipe);
    }

    /// <summary>The families some recipe of the tree runs as its only member.</summary>
    public static HashSet<string> FamiliesAlone(IEnumerable<string?> recipes) =>
        recipes.Select(r => RecipeFactory.TryParse(r, out var recipe) ? RecipeFactory.Members(recipe).ToList() : [])
            .Where(members => members.Count == 1)
            .Select(members => RecipeFactory.FamilyKey(members[0]))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Portfolio entries some recipe of the tree already fits.</summary>
    public static HashSet<string> PortfolioTried(IEnumerable<string?> recipes) =>
        recipes.Select(r => RecipeFactory.TryParse(r, out var recipe) ? JsonPatch.String(recipe, "portfolio") : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The recipe with <paramref name="idea"/> applied, or null when it changes nothing or does not fit.</summary>
    public JsonObject? Apply(Idea idea, JsonObject recipe, Observations observations)
    {
        ArgumentNullException.ThrowIfNull(idea);
        var before = RecipeFactory.Signature(recipe);
        var result = JsonPatch.Clone(recipe);
        var members = result["members"] as JsonArray ?? [];
        if (JsonPatch.String(idea.Body, "requires_view") is { } view &&
            !RecipeFactory.Members(result).Any(m => JsonPatch.String(m, "view") == view))
        {
            return null;
        }

        if (JsonPatch.String(idea.Body, "add_member") is { } memberName)
        {
            var member = bank.Member(memberName, observations);
            if (RecipeFactory.Members(result).Any(m => JsonPatch.String(m, "model") == JsonPatch.String(member, "model") &&
                                                      JsonPatch.String(m, "view") == JsonPatch.String(member, "view")))
            {
                return null;
            }

            member["name"] = UniqueName(result, memberName);
            members.Add(member);
        }

        JsonPatch.Merge(result, idea.Body["patch"] as JsonObject);
        if (idea.Body["scale_params"] is JsonObject scale)
        {
            ScaleParams(result, scale);
        }

        if (idea.Body["set_params"] is JsonObject set)
        {
            foreach (var member in RecipeFactory.Members(result))
            {
                JsonPatch.Merge(member["params"] as JsonObject ?? (JsonObject)(member["params"] = new JsonObject()), set);
            }
        }

        if (RecipeFactory.Signature(result) == before)
        {
            return null;
        }

        RecipeFactory.AddIdea(result, idea.Id);
        result["operator"] = "improve";
        ForgetOrigin(result);
        return result;
    }

    /// <summary>Drops the parent's portfolio entry and draw from a child's recipe (a change of either is a refinement).</summary>
    private static void ForgetOrigin(JsonObject recipe)
    {
        recipe.Remove("portfolio");
        recipe.Remove("drawn");
    }

    public static string UniqueName(JsonObject recipe, string name)
    {
        var names = RecipeFactory.Members(recipe).Select(m => JsonPatch.String(m, "name")).ToHashSet(StringComparer.Ordinal);
        var candidate = name;
        for (var i = 2; names.Contains(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }

    private static void ScaleParams(JsonObject recipe, JsonObject scale)
    {
        foreach (var member in RecipeFactory.Members(recipe))
        {
            if (member["params"] is not JsonObject parameters)
            {
                continue;
            }

            foreach (var (key, factorNode) in scale)
            {
                if (JsonPatch.Number(parameters[key]) is { } value && JsonPatch.Number(factorNode) is { } factor)
                {
                    var isInteger = parameters[key] is JsonValue v && v.TryGetValue<long>(out _);
                    parameters[key] = isInteger ? JsonValue.Create((long)Math.Max(1, Math.Round(value * factor))) : JsonValue.Create(Math.Round(value * factor, 6));
                }
            }
        }
    }
}
