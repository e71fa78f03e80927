using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Client;

/// <summary>One model call as recorded for the run: who asked, what it cost, how it ended.</summary>
public sealed record LlmCallRecord(string Role, string Model, int InputTokens, int OutputTokens, decimal Cost, TimeSpan Duration, string Outcome);

/// <summary>
/// The run's shared LLM ledger, cost limit (<c>--max-llm-cost</c>) and request rate limit
/// (<c>--llm-requests-per-minute</c>). Every chat request (each retry too) is checked against both before it is sent
/// and recorded after; once the spent cost reaches the limit, or the last minute's requests reach the rate, the
/// request is not sent and the role falls back to the builtin expert. Thread-safe.
/// </summary>
public sealed class LlmBudget
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly object _gate = new();
    private readonly List<LlmCallRecord> _calls = [];
    private readonly Queue<long> _sent = new();
    private readonly TimeProvider _time;
    private Usage _total = Usage.None;

    /// <param name="maxCost">The limit in USD (null: unlimited).</param>
    /// <param name="alreadySpent">What the run spent before (a resumed run), counted against the limit.</param>
    /// <param name="maxRequestsPerMinute">Chat requests allowed in any minute, over all roles and models (null: unlimited).</param>
    /// <param name="time">The clock of the rate limit.</param>
    public LlmBudget(decimal? maxCost = null, Usage? alreadySpent = null, int? maxRequestsPerMinute = null, TimeProvider? time = null)
    {
        if (maxCost is < 0)
        {
            throw new UserFacingException($"--max-llm-cost {maxCost}: expected a cost of 0 or more (USD).");
        }

        if (maxRequestsPerMinute is < 1)
        {
            throw new UserFacingException($"--llm-requests-per-minute {maxRequestsPerMinute}: expected 1 or more.");
        }

        MaxCost = maxCost;
        MaxRequestsPerMinute = maxRequestsPerMinute;
        _total = alreadySpent ?? Usage.None;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Chat requests allowed in any minute; null means unlimited.</summary>
    public int? MaxRequestsPerMinute { get; }

    /// <summary>The limit in USD; null means unlimited.</summary>
    public decimal? MaxCost { get; }

    /// <summary>Tokens and cost of every call so far.</summary>
    public Usage Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public IReadOnlyList<LlmCallRecord> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Requests refused because the budget was spent or the minute's requests were used.</summary>
    public int Refused { get; private set; }

    public bool IsExhausted
    {
        get
        {
            lock (_gate)
            {
                return MaxCost is { } max && _total.Cost >= max;
            }
        }
    }

    /// <summary>
    /// Admits one chat request, or throws <see cref="LlmUnavailableException"/>: <see cref="LlmFailure.Budget"/> when
    /// the cost limit is spent, <see cref="LlmFailure.RateLimited"/> when the last minute already had
    /// <see cref="MaxRequestsPerMinute"/> requests.
    /// </summary>
    public void EnsureAvailable()
    {
        lock (_gate)
        {
            if (MaxCost is { } max && _total.Cost >= max)
            {
                Refused++;
                throw new LlmUnavailableException(LlmFailure.Budget,
                    $"LLM budget spent: ${_total.Cost:0.####} of ${max:0.####} (--max-llm-cost)", Usage.None);
            }

            if (MaxRequestsPerMinute is { } rate)
            {
                while (_sent.Count > 0 && _time.GetElapsedTime(_sent.Peek()) >= Window)
                {
                    _sent.Dequeue();
                }

                if (_sent.Count >= rate)
                {
                    Refused++;
                    throw new LlmUnavailableException(LlmFailure.RateLimited,
                        $"{rate} chat requests in the last minute (--llm-requests-per-minute)", Usage.None);
                }

                _sent.Enqueue(_time.GetTimestamp());
            }
        }
    }

    public void Record(LlmCallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            _calls.Add(call);
            _total += new Usage(call.InputTokens, call.OutputTokens, call.Cost);
        }
    }
}
