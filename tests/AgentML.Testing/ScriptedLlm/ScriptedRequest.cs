using System.Text.Json;

namespace AgentML.Testing.ScriptedLlm;

/// <summary>One chat message of a recorded request.</summary>
public sealed record ScriptedMessage(string Role, string Content);

/// <summary>A request the scripted server received, as recorded (raw and parsed).</summary>
public sealed record ScriptedRequest
{
    public required int Index { get; init; }

    public required string Method { get; init; }

    /// <summary>The URL path, e.g. /v1/chat/completions or /openai/deployments/d/chat/completions.</summary>
    public required string Path { get; init; }

    /// <summary>The query string without '?', e.g. api-version=2024-10-21.</summary>
    public required string Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The deployment named in an Azure path, else null.</summary>
    public string? Deployment { get; init; }

    public bool IsAzure => Deployment is not null;

    /// <summary>The "model" field of the body (OpenAI) or null.</summary>
    public string? Model => Field("model")?.GetString();

    public IReadOnlyList<ScriptedMessage> Messages => ParseMessages();

    /// <summary>The text of the last user message (empty when none).</summary>
    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    /// <summary>The whole conversation's text, for routing replies by content.</summary>
    public string AllText => string.Join("\n", Messages.Select(m => m.Content));

    /// <summary>response_format.type when the request asked for one (json_schema, json_object), else null.</summary>
    public string? ResponseFormatType =>
        Field("response_format") is { ValueKind: JsonValueKind.Object } rf && rf.TryGetProperty("type", out var t) ? t.GetString() : null;

    /// <summary>response_format.json_schema.name when the request sent a JSON schema, else null.</summary>
    public string? ResponseSchemaName =>
        Field("response_format") is { ValueKind: JsonValueKind.Object } rf && rf.TryGetProperty("json_schema", out var js)
            && js.TryGetProperty("name", out var n) ? n.GetString() : null;

    /// <summary>True when the body has a "temperature" field.</summary>
    public bool HasTemperature => Field("temperature") is { ValueKind: JsonValueKind.Number };

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    private JsonElement? Field(string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var e) ? e.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private List<ScriptedMessage> ParseMessages()
    {
        var result = new List<ScriptedMessage>();
        if (Field("messages") is not { ValueKind: JsonValueKind.Array } messages)
        {
            return result;
        }

        foreach (var m in messages.EnumerateArray())
        {
            var role = m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
            result.Add(new ScriptedMessage(role, ContentText(m)));
        }

        return result;
    }

    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var c))
        {
            return "";
        }

        return c.ValueKind switch
        {
            JsonValueKind.String => c.GetString() ?? "",
            JsonValueKind.Array => string.Concat(c.EnumerateArray()
                .Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")),
            _ => "",
        };
    }
}
