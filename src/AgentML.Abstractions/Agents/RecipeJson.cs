using System.Text.Json.Nodes;

namespace AgentML.Agents.Roles;

/// <summary>
/// The structured recipe a builtin role writes next to a program (a JSON object with a non-empty "members" array):
/// reading one, and its identity for recognising repeats.
/// </summary>
public static class RecipeJson
{
    private static readonly string[] NonFunctionalKeys = ["title", "ideas", "draft", "operator", "notes", "drawn"];

    /// <summary>False when <paramref name="recipeJson"/> is empty, not JSON, or not an object with members.</summary>
    public static bool TryParse(string? recipeJson, out JsonObject recipe)
    {
        recipe = [];
        if (string.IsNullOrWhiteSpace(recipeJson))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(recipeJson) is JsonObject obj && obj["members"] is JsonArray { Count: > 0 })
            {
                recipe = obj;
                return true;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return false;
    }

    /// <summary>What the program does, independent of titles and history: equal signatures render equivalent programs.</summary>
    public static string Signature(JsonObject recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var copy = (JsonObject)recipe.DeepClone();
        foreach (var key in NonFunctionalKeys)
        {
            copy.Remove(key);
        }

        return Canonical(copy)!.ToJsonString();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Canonical(kv.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
