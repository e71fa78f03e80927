using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Client;

/// <summary>Why the LLM could not serve a step.</summary>
public enum LlmFailure
{
    /// <summary>Retries were exhausted on 429, 5xx, timeouts or broken replies.</summary>
    Transient,

    /// <summary>The circuit breaker is open after repeated failures.</summary>
    CircuitOpen,

    /// <summary>The LLM cost budget is spent.</summary>
    Budget,

    /// <summary>The server refused the request (400, 401, 403, 404).</summary>
    Rejected,

    /// <summary>The replies could not be used (no code block, unparsable JSON) even after repair turns.</summary>
    Unusable,

    /// <summary>The model answered twice with a program the search had already run.</summary>
    Repeats,

    /// <summary>The model brought no new usable program on several asks in a row and is not asked for a while.</summary>
    Paused,

    /// <summary>The run's chat requests of the last minute reached <c>--llm-requests-per-minute</c>.</summary>
    RateLimited,
}

/// <summary>The LLM cannot serve this step; the role falls back to the builtin expert. Carries what was spent.</summary>
public sealed class LlmUnavailableException : Exception
{
    public LlmUnavailableException(LlmFailure failure, string message, Usage spent, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Spent = spent;
    }

    public LlmUnavailableException()
        : this(LlmFailure.Transient, "LLM unavailable", Usage.None)
    {
    }

    public LlmUnavailableException(string message)
        : this(LlmFailure.Transient, message, Usage.None)
    {
    }

    public LlmUnavailableException(string message, Exception innerException)
        : this(LlmFailure.Transient, message, Usage.None, innerException)
    {
    }

    public LlmFailure Failure { get; }

    /// <summary>Tokens and cost already spent on the failed step.</summary>
    public Usage Spent { get; }

    public LlmUnavailableException WithSpent(Usage more) => new(Failure, Message, Spent + more, InnerException);
}

/// <summary>A reply that arrived but cannot be read (malformed body, no choices, empty content); retried.</summary>
public sealed class LlmBadReplyException : Exception
{
    public LlmBadReplyException()
    {
    }

    public LlmBadReplyException(string message)
        : base(message)
    {
    }

    public LlmBadReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
