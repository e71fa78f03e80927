using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AgentML.Agents.Llm.Replies;

/// <summary>PlanSearch step 1: first-order observations about the task and data.</summary>
public sealed class ObservationsReply : IValidatedReply
{
    [JsonPropertyName("observations")]
    [Description("Non-obvious, useful observations, one short paragraph each.")]
    public List<string> Observations { get; set; } = [];

    [JsonIgnore]
    public bool IsValid => Observations.Any(o => !string.IsNullOrWhiteSpace(o));
}

/// <summary>PlanSearch step 3: a natural-language plan built on a set of observations.</summary>
public sealed class PlanReply : IValidatedReply
{
    [JsonPropertyName("plan")]
    [Description("The solution plan in natural language: preprocessing, features, model, validation, submission.")]
    public string Plan { get; set; } = "";

    [JsonIgnore]
    public bool IsValid => !string.IsNullOrWhiteSpace(Plan);
}

/// <summary>PlanSearch step 4: a criticism of a plan and the fixed plan.</summary>
public sealed class CritiqueReply : IValidatedReply
{
    [JsonPropertyName("criticism")]
    [Description("What is wrong or risky in the plan.")]
    public string Criticism { get; set; } = "";

    [JsonPropertyName("fixed_plan")]
    [Description("The whole plan, rewritten with the problems fixed.")]
    public string FixedPlan { get; set; } = "";

    [JsonIgnore]
    public bool IsValid => !string.IsNullOrWhiteSpace(FixedPlan);
}
