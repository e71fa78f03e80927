using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Reporting;

/// <summary>The LLM side of a forge run: the model, every call's tokens and cost, the budget and the fallbacks.</summary>
public sealed record LlmReport
{
    /// <summary>The wording of a fallback note (<see cref="Agents.Llm.LlmRoleKit.FallbackNote"/>).</summary>
    private const string FallbackMarker = "fell back to the builtin";

    public required string Model { get; init; }

    /// <summary>HTTP calls made (failed attempts included).</summary>
    public int Calls { get; init; }

    public int FailedCalls { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public decimal Cost { get; init; }

    /// <summary>--max-llm-cost; null when unlimited.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Calls refused because the budget was spent.</summary>
    public int RefusedCalls { get; init; }

    public bool BudgetExhausted { get; init; }

    /// <summary>Steps where a role fell back to its builtin implementation as a whole.</summary>
    public int Fallbacks { get; init; }

    public IReadOnlyList<LlmRoleUsage> Roles { get; init; } = [];

    public static LlmReport From(ForgeLlm llm, IEnumerable<string> notes)
    {
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(notes);
        var budget = llm.Budget;
        var calls = budget.Calls;
        var total = budget.Total;
        return new LlmReport
        {
            Model = llm.Model,
            Calls = calls.Count,
            FailedCalls = calls.Count(c => c.Outcome != "ok"),
            InputTokens = total.InputTokens,
            OutputTokens = total.OutputTokens,
            Cost = total.Cost,
            MaxCost = budget.MaxCost,
            RefusedCalls = budget.Refused,
            BudgetExhausted = budget.IsExhausted,
            Fallbacks = notes.Count(n => n.Contains(FallbackMarker, StringComparison.Ordinal)),
            Roles = calls.GroupBy(c => c.Role).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new LlmRoleUsage(g.Key, g.Count(), g.Sum(c => c.InputTokens), g.Sum(c => c.OutputTokens), g.Sum(c => c.Cost)))
                .ToArray(),
        };
    }
}

/// <summary>One role's calls, tokens and cost.</summary>
public sealed record LlmRoleUsage(string Role, int Calls, int InputTokens, int OutputTokens, decimal Cost);
