using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentML.Agents.Builtin;

/// <summary>
/// Random configurations of a recipe's members from the idea bank's <c>search_space:</c>: once a lineage has no idea
/// left and the portfolio is used up, each further improvement is a new plausible model for the search's ensemble
/// rather than a repeat. Draws are seeded by the parent's recipe and the draw number, so a resumed run draws the same.
/// </summary>
public sealed class RandomConfigurations
{
    public const string Section = "search_space";

    private static readonly HashSet<string> Flags = new(["log", "int", "regression", "classification"], StringComparer.Ordinal);
    private readonly JsonObject _space;

    /// <param name="space">model → parameter → [low, high, flags...] (flags: log, int, regression, classification).</param>
    /// <param name="source">The file the space comes from, for errors.</param>
    public RandomConfigurations(JsonObject space, string source)
    {
        ArgumentNullException.ThrowIfNull(space);
        foreach (var (model, ranges) in space)
        {
            foreach (var (name, range) in ranges as JsonObject ?? throw new UserFacingException($"{source}: {Section}: '{model}' needs a mapping of parameters."))
            {
                if (range is not JsonArray { Count: >= 2 } list || JsonPatch.Number(list[0]) is not { } low || JsonPatch.Number(list[1]) is not { } high
                    || low > high || list.Skip(2).Any(f => f is not JsonValue v || !v.TryGetValue<string>(out var flag) || !Flags.Contains(flag))
                    || (list.Skip(2).Any(f => f!.GetValue<string>() == "log") && low <= 0))
                {
                    throw new UserFacingException($"{source}: {Section}: {model}.{name} needs [low, high, flags...] with low <= high (> 0 for log) and flags among {string.Join(", ", Flags)}.");
                }
            }
        }

        _space = space;
    }

    /// <summary>The idea recorded on a recipe made by a draw.</summary>
    public const string IdeaId = "random-configuration";

    /// <summary>Draws tried per call before giving up on finding a recipe the tree does not hold.</summary>
    public const int MaxDraws = 16;

    /// <summary>The first draw whose recipe is not in <paramref name="known"/>, with its number; null when no member of
    /// the recipe has a search space (or every draw is known).</summary>
    public (JsonObject Recipe, int Draw)? Next(JsonObject parent, Observations observations, ISet<string> known, int firstDraw)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(known);
        if (!RecipeFactory.Members(parent).Any(m => _space[JsonPatch.String(m, "model") ?? ""] is JsonObject))
        {
            return null;
        }

        var kind = observations.Has("regression") ? "regression" : "classification";
        var parentSignature = RecipeFactory.Signature(parent);
        for (var draw = firstDraw; draw < firstDraw + MaxDraws; draw++)
        {
            var rng = new Random(Seed(parentSignature, draw));
            var recipe = JsonPatch.Clone(parent);
            foreach (var member in RecipeFactory.Members(recipe))
            {
                Sample(member, kind, rng);
            }

            if (!known.Contains(RecipeFactory.Signature(recipe)))
            {
                return (recipe, draw);
            }
        }

        return null;
    }

    private void Sample(JsonObject member, string kind, Random rng)
    {
        if (_space[JsonPatch.String(member, "model") ?? ""] is not JsonObject ranges)
        {
            return;
        }

        var parameters = member["params"] as JsonObject ?? (JsonObject)(member["params"] = new JsonObject());
        foreach (var (name, rangeNode) in ranges)
        {
            var range = (JsonArray)rangeNode!;
            var flags = range.Skip(2).Select(f => f!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            if ((flags.Contains("regression") && kind != "regression") || (flags.Contains("classification") && kind != "classification"))
            {
                continue;
            }

            var low = JsonPatch.Number(range[0])!.Value;
            var high = JsonPatch.Number(range[1])!.Value;
            var u = rng.NextDouble();
            var value = flags.Contains("log") ? Math.Exp(Math.Log(low) + (u * (Math.Log(high) - Math.Log(low)))) : low + (u * (high - low));
            parameters[name] = flags.Contains("int") ? JsonValue.Create((long)Math.Round(value)) : JsonValue.Create(Math.Round(value, 4));
        }

        member.Remove("search"); // the drawn values replace the member's own small search
    }

    private static int Seed(string signature, int draw) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{signature}#{draw}")), 0);
}
