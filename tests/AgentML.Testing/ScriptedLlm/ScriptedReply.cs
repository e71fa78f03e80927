using System.Text.Json;

namespace AgentML.Testing.ScriptedLlm;

/// <summary>
/// What the scripted server answers to one request: a status, a body (built from the request), extra headers
/// and an optional delay before answering. Factories cover good replies and every fault the LLM path must survive.
/// </summary>
public sealed record ScriptedReply
{
    public int Status { get; init; } = 200;

    public required Func<ScriptedRequest, string> Body { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan Delay { get; init; }

    /// <summary>A short label for test messages, e.g. "429" or "text".</summary>
    public string Kind { get; init; } = "text";

    /// <summary>A normal completion whose assistant message is <paramref name="content"/>.</summary>
    public static ScriptedReply Text(string content, int promptTokens = 100, int completionTokens = 50) => new()
    {
        Body = r => CompletionJson(r, [content], promptTokens, completionTokens),
        Kind = "text",
    };

    /// <summary>A completion whose content is <paramref name="value"/> serialised as JSON (snake_case names).</summary>
    public static ScriptedReply Json(object value, int promptTokens = 100, int completionTokens = 50) =>
        Text(JsonSerializer.Serialize(value, SnakeCase), promptTokens, completionTokens) with { Kind = "json" };

    /// <summary>A completion with a short explanation and the program in a fenced python block.</summary>
    public static ScriptedReply Code(string python, string explanation = "Here is the program.", int promptTokens = 100, int completionTokens = 50) =>
        Text($"{explanation}\n\n```python\n{python.TrimEnd()}\n```\n", promptTokens, completionTokens) with { Kind = "code" };

    /// <summary>429 Too Many Requests with a Retry-After header (whole seconds).</summary>
    public static ScriptedReply TooManyRequests(TimeSpan retryAfter) => new()
    {
        Status = 429,
        Body = _ => """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""",
        Headers = new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Kind = "429",
    };

    /// <summary>A server error (500 by default) with an OpenAI-style error body.</summary>
    public static ScriptedReply ServerError(int status = 500) => new()
    {
        Status = status,
        Body = _ => """{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}""",
        Kind = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>200 with a body that is not valid JSON.</summary>
    public static ScriptedReply MalformedJson() => new()
    {
        Body = _ => """{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist""",
        Kind = "malformed-json",
    };

    /// <summary>200 with a well-formed completion that has no choices.</summary>
    public static ScriptedReply EmptyChoices() => new()
    {
        Body = r => CompletionJson(r, [], 10, 0),
        Kind = "empty-choices",
    };

    /// <summary>The same reply, sent only after <paramref name="delay"/>.</summary>
    public ScriptedReply After(TimeSpan delay) => this with { Delay = delay, Kind = $"slow-{Kind}" };

    internal static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string CompletionJson(ScriptedRequest request, IReadOnlyList<string> contents, int promptTokens, int completionTokens)
    {
        var body = new
        {
            id = $"chatcmpl-scripted-{request.Index}",
            @object = "chat.completion",
            created = 1_700_000_000 + request.Index,
            model = request.Model ?? request.Deployment ?? "scripted",
            choices = contents.Select((c, i) => new
            {
                index = i,
                message = new { role = "assistant", content = c },
                finish_reason = "stop",
            }).ToArray(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        };
        return JsonSerializer.Serialize(body);
    }
}
