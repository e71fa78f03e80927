using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;
using AgentML.Core.Tasks;

namespace AgentML.Agents.Builtin;

/// <summary>Composes one self-contained Python program from the snippets in prompts/builtin/templates for a recipe.</summary>
public sealed class ProgramRenderer
{
    public const string TemplatesFolder = "templates";

    private static readonly Dictionary<string, string> ModelSnippets = new(StringComparer.Ordinal)
    {
        ["hgb"] = "41_model_hgb.py",
        ["xgb"] = "42_model_xgb.py",
        ["forest"] = "43_model_forest.py",
        ["linear"] = "44_model_linear.py",
        ["svm"] = "45_model_svm.py",
        ["knn"] = "46_model_knn.py",
    };

    private readonly Dictionary<string, string> _snippets;
    private readonly ImageExpert _images;

    private ProgramRenderer(Dictionary<string, string> snippets, ImageExpert images) => (_snippets, _images) = (snippets, images);

    public static ProgramRenderer Load(string builtinDirectory)
    {
        var folder = Path.Combine(builtinDirectory, TemplatesFolder);
        if (!Directory.Exists(folder))
        {
            throw new UserFacingException($"The builtin code templates folder {folder} is missing; set AGENTML_PROMPTS to the repository's prompts/ folder.");
        }

        var snippets = Directory.EnumerateFiles(folder, "*.py*")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        return new ProgramRenderer(snippets, ImageExpert.Load(builtinDirectory));
    }

    /// <summary>The snippets a recipe needs, in program order.</summary>
    public static IReadOnlyList<string> SnippetsFor(JsonObject recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var features = recipe["features"] as JsonObject ?? [];
        bool Flag(string key) => features[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        var members = RecipeFactory.Members(recipe).ToArray();
        var views = members.Select(m => JsonPatch.String(m, "view")).ToHashSet(StringComparer.Ordinal);
        var names = new List<string> { "00_header.py.tmpl", "10_load.py", "20_features_base.py" };
        if (Flag("datetime_parts"))
        {
            names.Add("21_features_datetime.py");
        }

        if (Flag("text"))
        {
            names.Add("22_features_text.py");
        }

        if (Flag("target_encoding"))
        {
            names.Add("23_target_encoding.py");
        }

        if (views.Contains("tree"))
        {
            names.Add("30_view_tree.py");
        }

        if (views.Contains("linear"))
        {
            names.Add("31_view_linear.py");
        }

        names.Add("40_models_common.py");
        foreach (var model in members.Select(m => JsonPatch.String(m, "model") ?? "").Distinct().Order(StringComparer.Ordinal))
        {
            names.Add(ModelSnippets.TryGetValue(model, out var file)
                ? file
                : throw new ArgumentException($"Recipe member model '{model}' has no template (known: {string.Join(", ", ModelSnippets.Keys)}).", nameof(recipe)));
        }

        names.AddRange(["50_validation.py", "60_train.py", "70_blend.py", "80_postprocess.py", "90_submission.py"]);
        return names;
    }

    public string Render(TaskContext context, JsonObject recipe, string plan, string operatorName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ImageExpert.IsImageRecipe(recipe))
        {
            return _images.Render(context, recipe, plan, operatorName);
        }

        var code = new StringBuilder();
        foreach (var name in SnippetsFor(recipe))
        {
            code.Append(_snippets.TryGetValue(name, out var text) ? text : throw new UserFacingException($"Builtin template {name} is missing from prompts/builtin/templates."));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = Sanitize($"{context.Task.Name}: {JsonPatch.String(recipe, "title") ?? "solution"}"),
            ["OPERATOR"] = operatorName,
            ["PLAN"] = Sanitize(plan),
            ["SEED"] = context.Seed.ToString(CultureInfo.InvariantCulture),
            ["TASK_JSON"] = TaskJson(context.Task).ToJsonString(JsonPatch.Indented),
            ["RECIPE_JSON"] = recipe.ToJsonString(JsonPatch.Indented),
        };
        foreach (var (key, value) in ProgramTimeMargin.Tabular.Placeholders(context.ProgramTimeLimit))
        {
            values[key] = value;
        }

        foreach (var (key, value) in values)
        {
            code.Replace("{{" + key + "}}", value);
        }

        return code.ToString();
    }

    /// <summary>What the program needs to know about the task, as the TASK constant.</summary>
    public static JsonObject TaskJson(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new JsonObject
        {
            ["metric"] = task.Metric,
            ["id_column"] = task.IdColumn,
            ["target_columns"] = new JsonArray(task.TargetColumns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["train_target_columns"] = new JsonArray(task.TrainTargetColumns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["task_type"] = task.TaskType switch
            {
                TaskType.Binary => "binary",
                TaskType.Multiclass => "multiclass",
                TaskType.MultiLabel => "multilabel",
                _ => "regression",
            },
            ["submission_format"] = task.SubmissionFormat switch
            {
                SubmissionFormat.Label => "label",
                SubmissionFormat.Probability => "probability",
                SubmissionFormat.ClassProbabilities => "class_probabilities",
                SubmissionFormat.MultiLabelProbabilities => "multilabel_probabilities",
                _ => "value",
            },
            ["classes"] = new JsonArray(task.ClassLabels.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["class_of_column"] = new JsonObject(task.TargetColumns.Select((c, i) => new KeyValuePair<string, JsonNode?>(c, task.TargetClassLabels.ElementAtOrDefault(i)))
                .Where(p => p.Value is not null)), // "Class_1" -> "1", as the task inferred it
            ["positive_label"] = task.PositiveLabel,
        };
    }

    /// <summary>Text going into the program's docstring or a raw string: no closing quotes.</summary>
    internal static string Sanitize(string text) => text.Replace("\"\"\"", "'''", StringComparison.Ordinal).Replace("'''", "' ' '", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal);
}
