using System.ComponentModel;
using System.Text.Json.Serialization;
using AgentML.Agents.Llm.Replies;

namespace AgentML.Agents.Llm.Forge;

/// <summary>One task idea proposed by the model (checked against the data before use).</summary>
public sealed class CandidateIdea
{
    [JsonPropertyName("target")]
    [Description("The exact name of the column to predict.")]
    public string Target { get; set; } = "";

    [JsonPropertyName("task_type")]
    [Description("binary, multiclass or regression.")]
    public string TaskType { get; set; } = "";

    [JsonPropertyName("metric")]
    [Description("One of the metric names listed in the prompt.")]
    public string Metric { get; set; } = "";

    [JsonPropertyName("justification")]
    [Description("One or two sentences: why this target, type and metric make a useful task.")]
    public string Justification { get; set; } = "";
}

/// <summary>The forge brainstormer's reply: candidate tasks, best first.</summary>
public sealed class CandidatesReply : IValidatedReply
{
    [JsonPropertyName("candidates")]
    [Description("Candidate tasks, the most useful first.")]
    public List<CandidateIdea> Candidates { get; set; } = [];

    [JsonIgnore]
    public bool IsValid => Candidates.Any(c => !string.IsNullOrWhiteSpace(c.Target));
}
