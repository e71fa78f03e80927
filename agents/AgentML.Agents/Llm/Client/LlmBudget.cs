using AgentML.Agents.Roles;

namespace AgentML.Agents.Llm.Client;

/// <summary>One model call as recorded for the run: who asked, what it cost, how it ended.</summary>
public sealed record LlmCallRecord(string Role, string Model, int InputTokens, int OutputTokens, decimal Cost, TimeSpan Duration, string Outcome);

/// <summary>
/// The run's shared LLM ledger and cost limit (<c>--max-llm-cost</c>). Every call is checked against it before
/// it is sent and recorded after; once the spent cost reaches the limit no further call is made and the
/// roles fall back to the builtin expert. Thread-safe.
/// </summary>
public sealed class LlmBudget
{
    private readonly object _gate = new();
    private readonly List<LlmCallRecord> _calls = [];
    private Usage _total = Usage.None;

    /// <param name="maxCost">The limit in USD (null: unlimited).</param>
    /// <param name="alreadySpent">What the run spent before (a resumed run), counted against the limit.</param>
    public LlmBudget(decimal? maxCost = null, Usage? alreadySpent = null)
    {
        if (maxCost is < 0)
        {
            throw new UserFacingException($"--max-llm-cost {maxCost}: expected a cost of 0 or more (USD).");
        }

        MaxCost = maxCost;
        _total = alreadySpent ?? Usage.None;
    }

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

    /// <summary>Calls refused because the budget was spent.</summary>
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

    /// <summary>Throws <see cref="LlmUnavailableException"/> (Budget) when no further call may be made.</summary>
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
