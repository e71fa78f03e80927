using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using AgentML.Agents.Roles;
using AgentML.Core.Profiling;
using AgentML.Core.Runs;
using AgentML.Core.Tasks;

namespace AgentML.Agents.Builtin.Image;

/// <summary>
/// The builtin expert for tasks whose inputs are images (a column of train.csv names image files): drafts, improves
/// and repairs image recipes and renders them with prompts/builtin/image/image.py.tmpl. Its knowledge (drafts,
/// repairs, the program) is data in prompts/builtin/image/; without that folder it handles no task.
/// </summary>
public sealed class ImageExpert
{
    public const string Folder = "image";
    public const string TemplateFile = "image.py.tmpl";
    public const string DraftsFile = "drafts.json";

    /// <summary>The recipe key that marks an image recipe (its value is the program's RECIPE).</summary>
    public const string RecipeKey = "image";

    private static readonly ConcurrentDictionary<string, ImageExpert> Loaded = new(StringComparer.Ordinal);

    private readonly string? _template;
    private readonly IReadOnlyList<JsonObject> _drafts;
    private readonly JsonObject _repairs;
    private readonly IReadOnlyList<(string Arch, Regex Files)> _backbones;

    private ImageExpert(string? template, IReadOnlyList<JsonObject> drafts, JsonObject repairs, IReadOnlyList<(string Arch, Regex Files)> backbones)
    {
        _template = template;
        _drafts = drafts;
        _repairs = repairs;
        _backbones = backbones;
    }

    /// <summary>The expert of prompts/builtin (<paramref name="builtinDirectory"/>, or the folder of a file in it), loaded once.</summary>
    public static ImageExpert Load(string builtinDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(builtinDirectory);
        var directory = File.Exists(builtinDirectory) ? Path.GetDirectoryName(Path.GetFullPath(builtinDirectory))! : Path.GetFullPath(builtinDirectory);
        return Loaded.GetOrAdd(directory, Read);
    }

    private static ImageExpert Read(string builtinDirectory)
    {
        var folder = Path.Combine(builtinDirectory, Folder);
        var template = Path.Combine(folder, TemplateFile);
        var draftsPath = Path.Combine(folder, DraftsFile);
        if (!File.Exists(template) || !File.Exists(draftsPath))
        {
            return new ImageExpert(null, [], [], []);
        }

        var root = JsonNode.Parse(File.ReadAllText(draftsPath)) as JsonObject
                   ?? throw new UserFacingException($"{draftsPath}: expected a JSON object with drafts and repairs.");
        var drafts = (root["drafts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (drafts.Count == 0 || drafts.Any(d => JsonPatch.String(d, "id") is null || d[RecipeKey] is not JsonObject))
        {
            throw new UserFacingException($"{draftsPath}: every draft needs an id and an '{RecipeKey}' object, and there must be at least one.");
        }

        var backbones = ((root["backbones"] as JsonObject)?["known"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(b => (JsonPatch.String(b, "arch"), JsonPatch.String(b, "files")))
            .Select(b => b.Item1 is null || b.Item2 is null
                ? throw new UserFacingException($"{draftsPath}: every entry of backbones.known needs an arch and a files pattern.")
                : (b.Item1, new Regex(b.Item2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToList();
        return new ImageExpert(File.ReadAllText(template), drafts, root["repairs"] as JsonObject ?? [], backbones);
    }

    /// <summary>The preferred known backbone whose weight file is among <paramref name="weights"/>, or null.</summary>
    public (string Arch, string File)? Backbone(PretrainedWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (arch, files) in _backbones)
        {
            if (weights.Files.FirstOrDefault(files.IsMatch) is { } file)
            {
                return (arch, file);
            }
        }

        return null;
    }

    /// <summary>Most table columns besides the images for which the table is still left aside (image-first tasks).</summary>
    public const int MaxOtherFeatures = 4;

    /// <summary>
    /// True when the task's inputs are images (and the table has hardly any other feature: a task with a rich table
    /// beside its images stays with the tabular expert) and the image program is available.
    /// </summary>
    public bool Handles(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Task;
        if (_template is null || !task.ImageColumns.Any())
        {
            return false;
        }

        var aside = task.FileColumns.Select(c => c.Column).Concat(task.TrainTargetColumns).Append(task.IdColumn).ToHashSet(StringComparer.Ordinal);
        var others = context.Profile.Columns.Count(c => !aside.Contains(c.Name) && c.Kind is not (ColumnKind.IdLike or ColumnKind.Constant));
        return others <= MaxOtherFeatures;
    }

    /// <summary>True for a recipe written by this expert.</summary>
    public static bool IsImageRecipe(JsonObject? recipe) => recipe?[RecipeKey] is JsonObject;

    /// <summary>Up to <paramref name="count"/> draft plans not yet in <paramref name="known"/>, fastest first.</summary>
    public IReadOnlyList<Plan> Plans(TaskContext context, ISet<string> known, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(known);
        var facts = Facts(context);
        var chosen = Available(context).Where(r => known.Add(RecipeFactory.Signature(r))).Take(Math.Max(0, count)).ToList();
        return chosen.Select((recipe, i) => new Plan(
                Describe(recipe, $"Draft {i + 1} of {chosen.Count}: {JsonPatch.String(recipe, "title")}.", facts),
                recipe.ToJsonString(JsonPatch.Indented),
                facts))
            .ToArray();
    }

    /// <summary>The next draft after <paramref name="parent"/> not yet tried, else the parent with its network trained longer.</summary>
    public (JsonObject Recipe, string Says) Improve(JsonObject parent, ISet<string> known, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(known);
        foreach (var recipe in Available(context))
        {
            if (known.Add(RecipeFactory.Signature(recipe)))
            {
                return (recipe, JsonPatch.String(recipe, "says") ?? "another image model");
            }
        }

        var longer = JsonPatch.Clone(parent);
        var options = (JsonObject)longer[RecipeKey]!;
        options["route"] = JsonPatch.String(options, "route") == "backbone" ? "backbone" : "cnn";
        options["blend_classical"] = true;
        options["max_epochs"] = (JsonPatch.Number(options["max_epochs"]) ?? 30) + 10;
        longer["operator"] = "improve";
        return (longer, "train the network for more epochs (up to the time slice) and blend it with the image-feature model");
    }

    /// <summary>The failed recipe repaired: scaled down after a timeout, else the image-feature route.</summary>
    public (JsonObject Recipe, string Says) Repair(JsonObject failed, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var repair = _repairs[timedOut ? "timeout" : "other"] as JsonObject ?? [];
        var repaired = JsonPatch.Clone(failed);
        var options = repaired[RecipeKey] as JsonObject ?? [];
        repaired[RecipeKey] = options;
        JsonPatch.Merge(options, repair["patch"] as JsonObject);
        return (repaired, JsonPatch.String(repair, "says") ?? "a safer setup");
    }

    /// <summary>Two image recipes merged: the better one's network blended with the image-feature model.</summary>
    public static JsonObject Merge(JsonObject first, JsonObject second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var network = new[] { first, second }.FirstOrDefault(r => JsonPatch.String(r[RecipeKey], "route") is "cnn" or "backbone") ?? first;
        var merged = JsonPatch.Clone(network);
        ((JsonObject)merged[RecipeKey]!)["blend_classical"] = true;
        return merged;
    }

    /// <summary>The plan text of an image recipe: headline, what the program does, and the facts about the images.</summary>
    public static string Describe(JsonObject recipe, string headline, IReadOnlyList<string> facts)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var text = new StringBuilder(headline).AppendLine().AppendLine();
        text.AppendLine(JsonPatch.String(recipe, "says") ?? "");
        foreach (var fact in facts)
        {
            text.Append("- ").AppendLine(fact);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The image program for a recipe.</summary>
    public string Render(TaskContext context, JsonObject recipe, string plan, string operatorName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recipe);
        var template = _template ?? throw new UserFacingException($"The image program template prompts/builtin/{Folder}/{TemplateFile} is missing.");
        var column = context.Task.ImageColumns.FirstOrDefault();
        var images = new JsonObject
        {
            ["column"] = column?.Column ?? context.Task.IdColumn,
            ["suffix"] = column?.Suffix ?? "",
            ["train_folders"] = Strings(column?.TrainFolders ?? []),
            ["test_folders"] = Strings(column is { TestFolders.Count: > 0 } ? column.TestFolders : context.Task.TestFolder is { } f ? [f] : []),
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = ProgramRenderer.Sanitize($"{context.Task.Name}: {JsonPatch.String(recipe, "title") ?? "image model"}"),
            ["OPERATOR"] = operatorName,
            ["PLAN"] = ProgramRenderer.Sanitize(plan),
            ["SEED"] = context.Seed.ToString(CultureInfo.InvariantCulture),
            ["TASK_JSON"] = ProgramRenderer.TaskJson(context.Task).ToJsonString(JsonPatch.Indented),
            ["IMAGES_JSON"] = images.ToJsonString(JsonPatch.Indented),
            ["RECIPE_JSON"] = (recipe[RecipeKey] ?? new JsonObject()).ToJsonString(JsonPatch.Indented),
        };
        foreach (var (key, value) in ProgramTimeMargin.Image.Placeholders(context.ProgramTimeLimit))
        {
            values[key] = value;
        }

        var code = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            code.Replace("{{" + key + "}}", value);
        }

        return code.ToString();
    }

    /// <summary>Sentences on the task's images and on the pretrained weights, for plans.</summary>
    public IReadOnlyList<string> Facts(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Task;
        var facts = task.ImageColumns.Select(c => $"The inputs are {c.Describe()}." +
                (task.TestFromSampleSubmission ? $" The test images are in {task.TestFolder}/, ids from the sample submission." : ""))
            .ToList();
        var weights = context.Weights;
        facts.Add(Backbone(weights) is { } backbone
            ? $"Pretrained backbone: {backbone.Arch} ({backbone.File} in {weights.Directory}, read-only as {PretrainedWeights.MountName}/; nothing is downloaded)."
            : weights.Found
                ? $"Note: {weights.Describe()}, but none of a network the image expert knows ({string.Join(", ", _backbones.Take(3).Select(b => b.Arch + "-*.pth"))}, ...): the networks train from scratch."
                : $"Note: {weights.Describe()}: the networks train from scratch.");
        return facts;
    }

    /// <summary>The drafts usable here as recipes, in order: those that need a backbone only when its weights are on the machine.</summary>
    private IEnumerable<JsonObject> Available(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var backbone = Backbone(context.Weights);
        foreach (var draft in _drafts)
        {
            var recipe = Recipe(draft);
            if (JsonPatch.String(draft, "needs") == "backbone")
            {
                if (backbone is null)
                {
                    continue;
                }

                ((JsonObject)recipe[RecipeKey]!)["backbone"] = new JsonObject { ["arch"] = backbone.Value.Arch, ["file"] = backbone.Value.File };
            }

            yield return recipe;
        }
    }

    /// <summary>A draft as a recipe: the members array makes it a builtin recipe, the image object is the program's options.</summary>
    private static JsonObject Recipe(JsonObject draft) => new()
    {
        ["draft"] = JsonPatch.String(draft, "id"),
        ["title"] = JsonPatch.String(draft, "title"),
        ["says"] = JsonPatch.String(draft, "says"),
        ["operator"] = "draft",
        [RecipeKey] = draft[RecipeKey]!.DeepClone(),
        ["members"] = new JsonArray(new JsonObject { ["model"] = "image-" + JsonPatch.String(draft[RecipeKey], "route"), ["view"] = "image" }),
        ["ideas"] = new JsonArray(JsonValue.Create(JsonPatch.String(draft, "id"))),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

}
