using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Forge.Tests;

/// <summary>
/// Scripted replies for the forge LLM roles on the raw penguins file. The brainstormer gets two good ideas and one
/// about a column that does not exist; the designer gets a random split, drops <c>year</c>, and writes every text
/// part from the task named in the prompt (its metric and submission columns), leaving <c>sex</c> out of the
/// dictionary so that the report carries a note.
/// </summary>
internal sealed partial class ForgeLlmResponder(int promptTokens = 100, int completionTokens = 50)
{
    public const string Story = "Scripted story: field teams measured every penguin they ringed on the colonies of the Palmer Archipelago.";

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public ScriptedReply? Respond(ScriptedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var schema = request.ResponseSchemaName ?? "";
        if (schema.Contains("Candidates", StringComparison.Ordinal))
        {
            Calls.AddOrUpdate("brainstormer", 1, (_, n) => n + 1);
            return ScriptedReply.Json(new
            {
                candidates = new object[]
                {
                    new { target = "species", task_type = "multiclass", metric = "log_loss", justification = "Species from the measurements." },
                    new { target = "body_mass_g", task_type = "regression", metric = "rmse", justification = "Body mass from the other measurements." },
                    new { target = "wing_colour", task_type = "multiclass", metric = "accuracy", justification = "Not a column." },
                },
            }, promptTokens, completionTokens);
        }

        if (!schema.Contains("Design", StringComparison.Ordinal))
        {
            return null;
        }

        Calls.AddOrUpdate("designer", 1, (_, n) => n + 1);
        var prompt = request.LastUserMessage;
        var target = Line(TargetLine(), prompt);
        var metric = Line(MetricLine(), prompt);
        var columns = Line(ColumnsLine(), prompt).Split(", ");
        var features = Line(FeaturesLine(), prompt).Split(", ");
        var probabilities = prompt.Contains("submission format: Probability", StringComparison.Ordinal)
            || prompt.Contains("submission format: ClassProbabilities", StringComparison.Ordinal);
        return ScriptedReply.Json(new
        {
            split = new { kind = "random", column = "", reason = "The birds were sampled independently." },
            drop = features.Contains("year") ? new[] { new { column = "year", reason = "the survey year is an artefact of the study" } } : [],
            title = $"Palmer penguins: {target}",
            story = Story,
            dictionary = features.Append(target).Where(f => f != "sex").Select(f => new { column = f, description = $"scripted meaning of {f}" }).ToArray(),
            evaluation = $"Submissions are scored with {metric}.",
            submission_format = $"One row per test id with the columns {string.Join(", ", columns.Select(c => $"`{c}`"))}{(probabilities ? " holding probabilities" : "")}.",
        }, promptTokens, completionTokens);
    }

    private static string Line(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : throw new InvalidOperationException($"no match for {pattern} in the prompt:\n{text}");

    [GeneratedRegex(@"- target: (\S+) \(")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"- metric: (\S+)")]
    private static partial Regex MetricLine();

    [GeneratedRegex(@"the submission file has the columns ([^\n]+)")]
    private static partial Regex ColumnsLine();

    [GeneratedRegex(@"- features kept so far: ([^\n]+)")]
    private static partial Regex FeaturesLine();
}
