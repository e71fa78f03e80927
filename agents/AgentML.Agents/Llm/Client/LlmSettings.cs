namespace AgentML.Agents.Llm.Client;

/// <summary>Tunables of the LLM path: resilience, repairs, sampling, context sizes and PlanSearch breadth.</summary>
public sealed record LlmSettings
{
    /// <summary>Limit of one HTTP call to the model.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and broken replies.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Base of the exponential back-off (with jitter) when the server gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A Retry-After longer than this is capped.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    public double CircuitFailureRatio { get; init; } = 0.8;

    public int CircuitMinimumThroughput { get; init; } = 8;

    public TimeSpan CircuitSamplingDuration { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Asks for a program in a row that brought no new usable program (a repeat, or nothing usable after the repair
    /// turns) before a model is not asked for programs for <see cref="SpinPause"/>; the builtin roles write those nodes
    /// without a request. Planning rounds that kept no plan (near-duplicates, unusable replies) count the same way
    /// for the planner's asks.
    /// </summary>
    public int SpinsBeforePause { get; init; } = 3;

    /// <summary>The first pause of a model that keeps spinning; each pause after a trial ask that spun again doubles it (up to 16 times).</summary>
    public TimeSpan SpinPause { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Follow-up turns asking the model to fix a reply without code or with unparsable JSON.</summary>
    public int MaxRepairs { get; init; } = 2;

    /// <summary>Sampling temperature (never sent to reasoning models).</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Reply length limit (not sent to reasoning models, whose limit counts hidden reasoning).</summary>
    public int? MaxOutputTokens { get; init; } = 8000;

    /// <summary>Characters of execution output shown to the model (half head, half tail).</summary>
    public int OutputChars { get; init; } = 6000;

    /// <summary>Best nodes and recent failures shown in a tree summary.</summary>
    public int TreeNodesShown { get; init; } = 4;

    /// <summary>First-order observations PlanSearch asks for.</summary>
    public int Observations { get; init; } = 6;

    /// <summary>Plans closer than this (word-set Jaccard) to a kept plan are dropped as near-duplicates.</summary>
    public double DuplicateThreshold { get; init; } = 0.7;

    /// <summary>The price table (YAML); null means prompts/llm/prices.yaml.</summary>
    public string? PricesPath { get; init; }

    /// <summary>Where keys and endpoints come from (defaults to the process environment).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
