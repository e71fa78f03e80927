using System.ComponentModel;
using System.Text.Json.Serialization;
using AgentML.Agents.Llm.Replies;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Llm;

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

/// <summary>The split the model chooses for a task.</summary>
public sealed class SplitIdea
{
    [JsonPropertyName("kind")]
    [Description("random, stratified, time or group.")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("column")]
    [Description("time: the datetime column that orders the rows; group: the entity column whose values repeat; else empty.")]
    public string Column { get; set; } = "";

    [JsonPropertyName("reason")]
    [Description("One sentence: why this split fits the task.")]
    public string Reason { get; set; } = "";
}

/// <summary>A column the model wants left out of a task, and why.</summary>
public sealed class DropIdea
{
    [JsonPropertyName("column")]
    [Description("The exact name of the column to drop.")]
    public string Column { get; set; } = "";

    [JsonPropertyName("reason")]
    [Description("Why: recorded after the outcome, leaks the target, or identifier-like.")]
    public string Reason { get; set; } = "";
}

/// <summary>What one column means, for the data dictionary.</summary>
public sealed class ColumnNoteIdea
{
    [JsonPropertyName("column")]
    [Description("The exact name of a column of the task (a kept feature or the target).")]
    public string Column { get; set; } = "";

    [JsonPropertyName("description")]
    [Description("One short line: what the column means (its type and range are added automatically).")]
    public string Description { get; set; } = "";
}

/// <summary>The forge designer's reply: split, extra columns to drop and the parts of the task statement.</summary>
public sealed class DesignReply : IValidatedReply
{
    [JsonPropertyName("split")]
    public SplitIdea Split { get; set; } = new();

    [JsonPropertyName("drop")]
    [Description("Columns to leave out of the task beyond those already dropped; empty when none.")]
    public List<DropIdea> Drop { get; set; } = [];

    [JsonPropertyName("title")]
    [Description("The competition's title, one line.")]
    public string Title { get; set; } = "";

    [JsonPropertyName("story")]
    [Description("The background paragraph: where the data come from and why the prediction matters.")]
    public string Story { get; set; } = "";

    [JsonPropertyName("dictionary")]
    [Description("One entry per kept column and the target.")]
    public List<ColumnNoteIdea> Dictionary { get; set; } = [];

    [JsonPropertyName("evaluation")]
    [Description("How submissions are scored, in words, naming the metric exactly as given.")]
    public string Evaluation { get; set; } = "";

    [JsonPropertyName("submission_format")]
    [Description("What the submission file holds, naming its columns exactly as given.")]
    public string SubmissionFormat { get; set; } = "";

    [JsonIgnore]
    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Split?.Kind) || Drop?.Count > 0 || Dictionary?.Count > 0
        || new[] { Title, Story, Evaluation, SubmissionFormat }.Any(t => !string.IsNullOrWhiteSpace(t));
}
