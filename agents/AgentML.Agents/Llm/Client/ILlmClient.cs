using AgentML.Agents.Roles;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AgentML.Agents.Llm.Client;

/// <summary>One request to a chat model: the conversation and, when the reply is parsed, the type it must match.</summary>
public sealed record LlmRequest(string Role, ChatHistory History, Type? ResponseSchema = null);

/// <summary>The model's reply text and what all attempts of this request cost.</summary>
public sealed record LlmReply(string Text, Usage Usage);

/// <summary>The injected chat client every LLM role talks through (resilience, budget and accounting inside).</summary>
public interface ILlmClient
{
    /// <summary>The model spec as the user wrote it, e.g. openai:gpt-4.1.</summary>
    string Name { get; }

    /// <summary>The model or deployment id.</summary>
    string Model { get; }

    /// <summary>
    /// Sends the conversation. Throws <see cref="LlmUnavailableException"/> (carrying what was spent) when the
    /// model cannot answer: retries exhausted, circuit open, request rejected or budget spent.
    /// </summary>
    Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellationToken);
}
