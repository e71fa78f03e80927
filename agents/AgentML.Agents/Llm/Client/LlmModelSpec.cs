using System.Text.RegularExpressions;

namespace AgentML.Agents.Llm.Client;

/// <summary>Which kind of server a model spec talks to.</summary>
public enum LlmProvider
{
    OpenAI,
    Azure,
    OpenAICompatible,
}

/// <summary>
/// A parsed <c>--model</c> value: <c>openai:&lt;model&gt;</c>, <c>azure:&lt;deployment&gt;</c> or
/// <c>openai-compatible:&lt;model&gt;@&lt;base-url&gt;</c>.
/// </summary>
public sealed partial record LlmModelSpec(LlmProvider Provider, string Model, Uri? BaseUrl)
{
    public const string Builtin = "builtin";

    /// <summary>True for o1/o3/o4 and gpt-5 families, which take no temperature.</summary>
    public bool IsReasoningModel => ReasoningName().IsMatch(Model.Split('/')[^1]);

    public static bool IsBuiltinSpec(string? spec) =>
        string.IsNullOrWhiteSpace(spec) || string.Equals(spec.Trim(), Builtin, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a model spec; throws <see cref="UserFacingException"/> naming the expected forms.</summary>
    public static LlmModelSpec Parse(string spec, string optionName = "--model")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Invalid(optionName, text, "no provider prefix");
        }

        var provider = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..].Trim();
        return provider switch
        {
            "openai" => new LlmModelSpec(LlmProvider.OpenAI, NonEmpty(rest, optionName, text), null),
            "azure" => new LlmModelSpec(LlmProvider.Azure, NonEmpty(rest, optionName, text), null),
            "openai-compatible" => ParseCompatible(rest, optionName, text),
            _ => throw Invalid(optionName, text, $"unknown provider '{provider}'"),
        };
    }

    public override string ToString() => Provider switch
    {
        LlmProvider.OpenAI => $"openai:{Model}",
        LlmProvider.Azure => $"azure:{Model}",
        _ => $"openai-compatible:{Model}@{BaseUrl}",
    };

    private static LlmModelSpec ParseCompatible(string rest, string optionName, string text)
    {
        var at = rest.LastIndexOf('@');
        if (at <= 0 || at == rest.Length - 1)
        {
            throw Invalid(optionName, text, "openai-compatible needs <model>@<base-url>");
        }

        var url = rest[(at + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(optionName, text, $"'{url}' is not an http(s) URL");
        }

        return new LlmModelSpec(LlmProvider.OpenAICompatible, rest[..at], uri);
    }

    private static string NonEmpty(string model, string optionName, string text) =>
        model.Length > 0 ? model : throw Invalid(optionName, text, "the model name is empty");

    private static UserFacingException Invalid(string optionName, string text, string why) => new(
        $"{optionName} '{text}': {why}; expected builtin, openai:<model>, azure:<deployment> or openai-compatible:<model>@<base-url>.");

    [GeneratedRegex(@"^(o[134](-.*)?|gpt-5.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReasoningName();
}
