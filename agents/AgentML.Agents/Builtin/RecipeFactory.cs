using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>Builds recipes (the JSON a program is rendered from) out of the idea bank, and compares them.</summary>
public sealed class RecipeFactory(IdeaBank bank)
{
    public IdeaBank Bank => bank;

    /// <summary>The bank's cost model: estimates, fitting recipes to short time limits, scaling down after timeouts.</summary>
    public RecipeCost Cost { get; } = new(bank);

    /// <summary>The image expert (prompts/builtin/image), for tasks whose inputs are image files.</summary>
    public ImageExpert Images { get; } = ImageExpert.Load(bank.Source);

    /// <summary>The base recipe, every rule whose conditions hold, the draft's own patch and its members.</summary>
    public JsonObject Draft(Idea draft, Observations observations)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(observations);
        var recipe = JsonPatch.Clone(bank.BaseRecipe);
        recipe["draft"] = draft.Id;
        recipe["title"] = JsonPatch.String(draft.Body, "title") ?? draft.Id;
        var ideas = new JsonArray(JsonValue.Create(draft.Id));
        foreach (var rule in bank.Rules.Where(r => r.AppliesTo(observations)))
        {
            JsonPatch.Merge(recipe, rule.Body["patch"] as JsonObject);
            ideas.Add(rule.Id);
        }

        JsonPatch.Merge(recipe, draft.Body["patch"] as JsonObject);
        recipe["members"] = new JsonArray(JsonPatch.Strings(draft.Body["members"]).Select(m => (JsonNode)bank.Member(m, observations)).ToArray());
        recipe["ideas"] = ideas;
        return recipe;
    }

    public static JsonObject Parse(string? recipeJson)
    {
        if (string.IsNullOrWhiteSpace(recipeJson))
        {
            throw new ArgumentException("The node has no builtin recipe.", nameof(recipeJson));
        }

        return JsonNode.Parse(recipeJson) as JsonObject ?? throw new ArgumentException("A recipe must be a JSON object.", nameof(recipeJson));
    }

    public static bool TryParse(string? recipeJson, out JsonObject recipe) => RecipeJson.TryParse(recipeJson, out recipe);

    public static IEnumerable<JsonObject> Members(JsonObject recipe) => (recipe["members"] as JsonArray ?? []).OfType<JsonObject>();

    public static IReadOnlyList<string> Ideas(JsonObject recipe) => JsonPatch.Strings(recipe["ideas"]);

    public static void AddIdea(JsonObject recipe, string id)
    {
        if (recipe["ideas"] is not JsonArray ideas)
        {
            recipe["ideas"] = ideas = [];
        }

        ideas.Add(id);
    }

    /// <summary>What the program does, independent of titles and history: equal signatures render equivalent programs.</summary>
    public static string Signature(JsonObject recipe) => RecipeJson.Signature(recipe);

    /// <summary>The model families and views of a recipe, e.g. "hgb/tree + linear/linear".</summary>
    public static string Families(JsonObject recipe) =>
        string.Join(" + ", Members(recipe).Select(FamilyKey));

    /// <summary>A member's model family on its feature view ("xgb/tree").</summary>
    public static string FamilyKey(JsonObject member) => $"{JsonPatch.String(member, "model")}/{JsonPatch.String(member, "view")}";
}
