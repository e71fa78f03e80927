using System.ClientModel;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AgentML.Agents.Llm.Client;

/// <summary>
/// The Polly pipeline around one model call: retries with jittered exponential back-off on 429 (honouring
/// Retry-After), 5xx, 408, timeouts and broken replies; a circuit breaker shared by every call to one model;
/// a per-call timeout innermost. Client errors (400, 401, 403, 404) are not retried.
/// </summary>
public static class LlmResilience
{
    public static ResiliencePipeline Create(LlmSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        var handled = new PredicateBuilder().Handle<Exception>(IsTransient);
        return new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = Math.Max(0, settings.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, settings.MaxRetryAfter)),
                OnRetry = args =>
                {
                    logger.LogWarning("LLM call failed ({Reason}); retry {Attempt} in {Delay:0.0}s",
                        Describe(args.Outcome.Exception), args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = Math.Max(2, settings.CircuitMinimumThroughput),
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                OnOpened = args =>
                {
                    logger.LogWarning("LLM circuit opened for {Duration:0}s after repeated failures", args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.CallTimeout)
            .Build();
    }

    /// <summary>True for failures worth another attempt.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException or LlmBadReplyException or HttpRequestException => true,
        HttpOperationException { StatusCode: null } http => http.InnerException is not null and not OperationCanceledException,
        HttpOperationException { StatusCode: { } code } => IsTransientStatus(code),
        ClientResultException { Status: var status } => status == 0 || IsTransientStatus((HttpStatusCode)status),
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or HTTP date), capped; null lets the back-off decide.</summary>
    public static TimeSpan? RetryAfter(Exception? exception, TimeSpan cap)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ClientResultException client && client.GetRawResponse() is { } response
                && response.Headers.TryGetValue("Retry-After", out var value) && !string.IsNullOrWhiteSpace(value))
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(Math.Min(seconds, cap.TotalSeconds));
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var wait = at - DateTimeOffset.UtcNow;
                    return wait <= TimeSpan.Zero ? TimeSpan.Zero : (wait > cap ? cap : wait);
                }
            }
        }

        return null;
    }

    /// <summary>A short description of a failure for notes and logs, e.g. "HTTP 429" or "timeout".</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        null => "no error",
        TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit open",
        HttpOperationException { StatusCode: { } code } => $"HTTP {(int)code}",
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        LlmBadReplyException bad => bad.Message,
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    private static bool IsTransientStatus(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)code >= 500;
}
