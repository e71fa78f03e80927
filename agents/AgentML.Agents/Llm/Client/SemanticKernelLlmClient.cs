using System.Net;
using System.Text.Json;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;
using Polly;
using Polly.CircuitBreaker;

namespace AgentML.Agents.Llm.Client;

/// <summary>
/// <see cref="ILlmClient"/> over a Semantic Kernel <see cref="IChatCompletionService"/>: every call goes through the
/// model's Polly pipeline, is checked against the shared budget before it is sent and recorded (tokens from the
/// reply's usage metadata, cost from the price table) after. Sends a JSON schema response format when the request
/// names a type, and stops sending one if the server rejects it.
/// </summary>
public sealed class SemanticKernelLlmClient : ILlmClient
{
    private readonly LlmModelSpec _spec;
    private readonly Kernel _kernel;
    private readonly IChatCompletionService _chat;
    private readonly ResiliencePipeline _pipeline;
    private readonly LlmBudget _budget;
    private readonly PriceTable _prices;
    private readonly LlmSettings _settings;
    private readonly ILogger _logger;
    private volatile bool _schemaRejected;

    public SemanticKernelLlmClient(LlmModelSpec spec, Kernel kernel, ResiliencePipeline pipeline, LlmBudget budget, PriceTable prices, LlmSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _kernel = kernel;
        _chat = kernel.GetRequiredService<IChatCompletionService>();
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _prices = prices ?? throw new ArgumentNullException(nameof(prices));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public string Name => _spec.ToString();

    public string Model => _spec.Model;

    public async Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tally = new Tally();
        try
        {
            var text = await _pipeline.ExecuteAsync(ct => AttemptAsync(request, tally, ct), cancellationToken).ConfigureAwait(false);
            return new LlmReply(text, tally.Spent);
        }
        catch (LlmUnavailableException e)
        {
            throw e.WithSpent(tally.Spent);
        }
        catch (BrokenCircuitException e)
        {
            throw new LlmUnavailableException(LlmFailure.CircuitOpen, $"{Name}: circuit open after repeated failures", tally.Spent, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = LlmResilience.IsTransient(e) ? LlmFailure.Transient : LlmFailure.Rejected;
            throw new LlmUnavailableException(failure, $"{Name}: {LlmResilience.Describe(e)}", tally.Spent, e);
        }
    }

    private async ValueTask<string> AttemptAsync(LlmRequest request, Tally tally, CancellationToken cancellationToken)
    {
        _budget.EnsureAvailable();
        var started = _settings.TimeProvider.GetTimestamp();
        var useSchema = request.ResponseSchema is not null && !_schemaRejected;
        IReadOnlyList<ChatMessageContent> results;
        try
        {
            results = await _chat.GetChatMessageContentsAsync(request.History, ExecutionSettings(useSchema ? request.ResponseSchema : null), _kernel, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (useSchema && e.StatusCode == HttpStatusCode.BadRequest
            && (e.ResponseContent ?? e.Message).Contains("response_format", StringComparison.OrdinalIgnoreCase))
        {
            _schemaRejected = true;
            tally.Add(Record(request, null, started, "response_format rejected"));
            throw new LlmBadReplyException("the server rejected response_format; asking again without it", e);
        }
        catch (Exception e) when (IsBrokenReply(e))
        {
            tally.Add(Record(request, null, started, "broken reply"));
            throw new LlmBadReplyException($"broken reply ({e.GetType().Name})", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            tally.Add(Record(request, null, started, LlmResilience.Describe(e)));
            throw;
        }
        catch (OperationCanceledException)
        {
            tally.Add(Record(request, null, started, "cancelled or timed out"));
            throw;
        }

        var message = results.Count > 0 ? results[0] : null;
        var text = message?.Content;
        var empty = string.IsNullOrWhiteSpace(text);
        tally.Add(Record(request, message, started, empty ? "empty reply" : "ok"));
        return empty ? throw new LlmBadReplyException("the reply had no choices or no content") : text!;
    }

    private OpenAIPromptExecutionSettings ExecutionSettings(Type? schema) => new()
    {
        Temperature = _spec.IsReasoningModel ? null : _settings.Temperature,
        MaxTokens = _spec.IsReasoningModel ? null : _settings.MaxOutputTokens,
        ResponseFormat = schema,
    };

    private Usage Record(LlmRequest request, ChatMessageContent? message, long started, string outcome)
    {
        var (input, output) = message?.Metadata?.TryGetValue("Usage", out var raw) == true && raw is ChatTokenUsage usage
            ? (usage.InputTokenCount, usage.OutputTokenCount)
            : (0, 0);
        var cost = _prices.Cost(_spec.Model, input, output);
        var elapsed = _settings.TimeProvider.GetElapsedTime(started);
        _budget.Record(new LlmCallRecord(request.Role, Name, input, output, cost, elapsed, outcome));
        _logger.LogInformation("LLM {Role} via {Model}: {Outcome}, {Input}+{Output} tokens, ${Cost:0.#####}, {Seconds:0.0}s",
            request.Role, Name, outcome, input, output, cost, elapsed.TotalSeconds);
        return new Usage(input, output, cost);
    }

    /// <summary>Failures of the reply's shape rather than the transport: malformed body, missing choices.</summary>
    private static bool IsBrokenReply(Exception e) =>
        e is JsonException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or KeyNotFoundException
            or InvalidOperationException or NullReferenceException
        || (e is KernelException && e.InnerException is { } inner && IsBrokenReply(inner));

    /// <summary>What every attempt of one request cost (attempts run one after another).</summary>
    private sealed class Tally
    {
        public Usage Spent { get; private set; } = Usage.None;

        public void Add(Usage usage) => Spent += usage;
    }
}
