using System.Text.Json;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Execution;

/// <summary>Renders the builtin baseline program (prompts/forge/baseline.py) for a forged task.</summary>
public sealed class BaselineProgram
{
    public const string TemplateName = "baseline.py";
    private readonly string _template;

    public BaselineProgram(string forgePromptsDirectory)
    {
        ArgumentNullException.ThrowIfNull(forgePromptsDirectory);
        var path = Path.Combine(forgePromptsDirectory, TemplateName);
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{path}: the forge baseline template is missing (expected prompts/forge/{TemplateName}).");
        }

        _template = File.ReadAllText(path);
    }

    public string Render(TaskDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var candidate = design.Candidate;
        var config = new Dictionary<string, object?>
        {
            ["id_column"] = design.IdColumn,
            ["target"] = candidate.Target,
            ["metric"] = candidate.Metric,
            ["submission_format"] = FormatName(candidate.SubmissionFormat),
            ["classes"] = candidate.Classes,
            ["positive_label"] = candidate.SubmissionFormat == SubmissionFormat.Probability ? "1" : null,
            ["text_columns"] = design.TextFeatures,
            ["code_columns"] = design.CodeFeatures,
        };
        var json = JsonSerializer.Serialize(config);
        if (json.Contains("'''", StringComparison.Ordinal))
        {
            throw new UserFacingException($"Task {design.TaskId}: a column or class name contains ''' and cannot be embedded in the baseline program.");
        }

        return _template.Replace("{{config}}", json, StringComparison.Ordinal);
    }

    public static string FormatName(SubmissionFormat format) => format switch
    {
        SubmissionFormat.Probability => "probability",
        SubmissionFormat.ClassProbabilities => "class_probabilities",
        SubmissionFormat.Label => "label",
        _ => "value",
    };
}
