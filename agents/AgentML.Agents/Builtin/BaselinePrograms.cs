using AgentML.Core.Tasks;

namespace AgentML.Agents.Builtin;

/// <summary>The four baselines a user would try first (quality benchmark), rendered from prompts/builtin/baselines.</summary>
public sealed class BaselinePrograms
{
    public const string TemplateFile = "baseline.py.tmpl";

    /// <summary>Baseline id → description.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hgb"] = "HistGradientBoosting (defaults)",
        ["rf"] = "RandomForest (300 trees)",
        ["linear"] = "one-hot + logistic/ridge (TF-IDF for text)",
        ["xgb"] = "XGBoost (defaults)",
    };

    private readonly string _template;

    private BaselinePrograms(string template) => _template = template;

    public static BaselinePrograms Load(string promptsDirectory)
    {
        var path = Path.Combine(promptsDirectory, BuiltinTeam.Folder, "baselines", TemplateFile);
        return File.Exists(path)
            ? new BaselinePrograms(File.ReadAllText(path))
            : throw new UserFacingException($"The baseline template {path} is missing.");
    }

    public string Render(TaskSpec task, string baseline)
    {
        if (!Names.TryGetValue(baseline, out var description))
        {
            throw new UserFacingException($"Unknown baseline '{baseline}'; expected one of {string.Join(", ", Names.Keys)}.");
        }

        return _template
            .Replace("{{BASELINE_NAME}}", description, StringComparison.Ordinal)
            .Replace("{{BASELINE}}", baseline, StringComparison.Ordinal)
            .Replace("{{TASK_JSON}}", ProgramRenderer.TaskJson(task).ToJsonString(JsonPatch.Indented), StringComparison.Ordinal);
    }
}
