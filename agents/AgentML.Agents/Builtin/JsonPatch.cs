using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentML.Agents.Builtin;

/// <summary>JSON helpers for recipes: merge patches (objects merge; lists and values replace) and stable text.</summary>
public static class JsonPatch
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place.</summary>
    public static void Merge(JsonObject target, JsonObject? patch)
    {
        if (patch is null)
        {
            return;
        }

        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    public static JsonObject Clone(JsonObject source) => (JsonObject)source.DeepClone();

    public static string? String(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToArray() : [];

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<double>(out var d) || TryLong(value, out d)) ? d : null;

    private static bool TryLong(JsonValue value, out double number)
    {
        var ok = value.TryGetValue<long>(out var l);
        number = l;
        return ok;
    }
}
