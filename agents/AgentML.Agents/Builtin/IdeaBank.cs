using System.Text.Json.Nodes;

namespace AgentML.Agents.Builtin;

/// <summary>One entry of the idea bank with its conditions (<c>when</c>: all hold, <c>unless</c>: none holds).</summary>
public sealed record Idea(string Id, JsonObject Body)
{
    public IReadOnlyList<string> When => JsonPatch.Strings(Body["when"]);

    public IReadOnlyList<string> Unless => JsonPatch.Strings(Body["unless"]);

    public string Says => JsonPatch.String(Body, "says") ?? JsonPatch.String(Body, "title") ?? Id;

    public bool AppliesTo(Observations observations) => observations.Allows(When, Unless);
}

/// <summary>The builtin expert's knowledge: prompts/builtin/ideas.yaml, loaded once.</summary>
public sealed class IdeaBank
{
    public const string FileName = "ideas.yaml";

    private IdeaBank(JsonObject root, string source)
    {
        Source = source;
        BaseRecipe = root["base_recipe"] as JsonObject ?? throw Missing(source, "base_recipe");
        Presets = root["presets"] as JsonObject ?? throw Missing(source, "presets");
        Members = root["members"] as JsonObject ?? throw Missing(source, "members");
        Rules = Entries(root, "rules", source);
        Drafts = Entries(root, "drafts", source);
        Improvements = Entries(root, "improvements", source);
        Portfolio = root["portfolio"] is JsonArray ? Entries(root, "portfolio", source) : [];
        Repairs = root["repairs"] as JsonObject ?? [];
        Budget = root["budget"] as JsonObject ?? [];
        Random = new RandomConfigurations(root[RandomConfigurations.Section] as JsonObject ?? [], source);
        Thresholds = ObservationThresholds.Parse(root[ObservationThresholds.Section] as JsonObject, source);
        foreach (var entry in Portfolio.Where(p => Members[JsonPatch.String(p.Body, "member") ?? ""] is null))
        {
            throw new UserFacingException($"{source}: portfolio entry '{entry.Id}' needs `member:` naming an entry under members:.");
        }

        foreach (var draft in Drafts)
        {
            foreach (var member in JsonPatch.Strings(draft.Body["members"]).Where(m => Members[m] is null))
            {
                throw new UserFacingException($"{source}: draft '{draft.Id}' names member '{member}', which is not under members:.");
            }
        }
    }

    public string Source { get; }

    public JsonObject BaseRecipe { get; }

    public JsonObject Presets { get; }

    public JsonObject Members { get; }

    public IReadOnlyList<Idea> Rules { get; }

    public IReadOnlyList<Idea> Drafts { get; }

    public IReadOnlyList<Idea> Improvements { get; }

    /// <summary>Single-model configurations tried when a lineage has no idea left, best value per second first.</summary>
    public IReadOnlyList<Idea> Portfolio { get; }

    /// <summary>Random configurations of members (search_space:), drawn when a lineage's ideas and the portfolio are used up.</summary>
    public RandomConfigurations Random { get; }

    /// <summary>The debugger's repairs by failure class (timeout, out_of_memory, ..., safe).</summary>
    public JsonObject Repairs { get; }

    public JsonObject? Repair(string key) => Repairs[key] as JsonObject;

    /// <summary>The thresholds of the observations (observations:).</summary>
    public ObservationThresholds Thresholds { get; }

    /// <summary>The cost model and the fast patch for short per-program time limits (budget:).</summary>
    public JsonObject Budget { get; }

    public static IdeaBank Load(string builtinDirectory)
    {
        var path = Path.Combine(builtinDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new UserFacingException($"The builtin idea bank {path} is missing; set AGENTML_PROMPTS to the repository's prompts/ folder.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static IdeaBank Parse(string yaml, string source) =>
        new(YamlJson.Parse(yaml, source) as JsonObject ?? throw new UserFacingException($"{source}: expected a mapping at the top level."), source);

    /// <summary>A member (model on a view) with the preset for this data size and the search for this task kind.</summary>
    public JsonObject Member(string name, Observations observations)
    {
        var template = Members[name] as JsonObject ?? throw new UserFacingException($"{Source}: unknown member '{name}'.");
        var member = new JsonObject
        {
            ["name"] = name,
            ["model"] = JsonPatch.String(template, "model"),
            ["view"] = JsonPatch.String(template, "view"),
            ["params"] = PresetFor(JsonPatch.String(template, "preset") ?? name, observations.SizeClass),
        };
        var searchKey = observations.Has("regression") ? "search_regression" : "search_classification";
        if (template[searchKey] is JsonObject search)
        {
            member["search"] = search.DeepClone();
        }

        foreach (var rule in Rules.Where(r => r.AppliesTo(observations)))
        {
            JsonPatch.Merge(member, rule.Body["member_patch"]?[name] as JsonObject);
        }

        return member;
    }

    public string MemberSays(string name) => JsonPatch.String(Members[name], "says") ?? name;

    private JsonObject PresetFor(string preset, string size)
    {
        var sizes = Presets[preset] as JsonObject;
        var chosen = sizes?[size] ?? sizes?["any"] ?? sizes?["small"];
        return chosen is JsonObject obj ? JsonPatch.Clone(obj) : [];
    }

    private static Idea[] Entries(JsonObject root, string key, string source)
    {
        if (root[key] is not JsonArray array)
        {
            throw Missing(source, key);
        }

        return array.Select((node, i) => node is JsonObject obj && JsonPatch.String(obj, "id") is { } id
            ? new Idea(id, obj)
            : throw new UserFacingException($"{source}: entry {i + 1} of {key}: needs a mapping with an id.")).ToArray();
    }

    private static UserFacingException Missing(string source, string key) => new($"{source}: the section '{key}:' is missing or malformed.");
}
