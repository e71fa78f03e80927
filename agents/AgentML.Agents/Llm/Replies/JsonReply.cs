using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentML.Agents.Llm.Replies;

/// <summary>
/// Reads a structured reply. With a JSON schema response format the reply is plain JSON; servers that ignore
/// response_format wrap it in prose or a ```json block, which this finds: the whole text, then fenced blocks,
/// then the outermost balanced {...} span.
/// </summary>
public static class JsonReply
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static bool TryParse<T>(string reply, [NotNullWhen(true)] out T? value)
        where T : class, IValidatedReply
    {
        ArgumentNullException.ThrowIfNull(reply);
        foreach (var candidate in Candidates(reply))
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(candidate, Options) is { } parsed && parsed.IsValid)
                {
                    value = parsed;
                    return true;
                }
            }
            catch (JsonException)
            {
            }
        }

        value = null;
        return false;
    }

    private static IEnumerable<string> Candidates(string reply)
    {
        var text = reply.Trim();
        yield return text;
        var fence = 0;
        while ((fence = text.IndexOf("```", fence, StringComparison.Ordinal)) >= 0)
        {
            var bodyStart = text.IndexOf('\n', fence);
            var end = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            yield return text[bodyStart..end].Trim();
            fence = end + 3;
        }

        if (Balanced(text) is { } span)
        {
            yield return span;
        }
    }

    /// <summary>The first balanced {...} span that starts at a '{' (strings and escapes respected).</summary>
    private static string? Balanced(string text)
    {
        for (var start = text.IndexOf('{', StringComparison.Ordinal); start >= 0; start = text.IndexOf('{', start + 1))
        {
            int depth = 0;
            var inString = false;
            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    return text[start..(i + 1)];
                }
            }
        }

        return null;
    }
}

/// <summary>A structured reply type that can tell whether its content is usable.</summary>
public interface IValidatedReply
{
    [JsonIgnore]
    bool IsValid { get; }
}
