using System.Text.Json.Serialization;

namespace AgentML.Core.Grading;

/// <summary>MLE-bench's report of one submission (16 fields, snake_case in JSON).</summary>
public sealed record CompetitionReport
{
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }
    [JsonPropertyName("score")] public double? Score { get; init; }
    [JsonPropertyName("gold_threshold")] public double? GoldThreshold { get; init; }
    [JsonPropertyName("silver_threshold")] public double? SilverThreshold { get; init; }
    [JsonPropertyName("bronze_threshold")] public double? BronzeThreshold { get; init; }
    [JsonPropertyName("median_threshold")] public double? MedianThreshold { get; init; }
    [JsonPropertyName("any_medal")] public bool AnyMedal { get; init; }
    [JsonPropertyName("gold_medal")] public bool GoldMedal { get; init; }
    [JsonPropertyName("silver_medal")] public bool SilverMedal { get; init; }
    [JsonPropertyName("bronze_medal")] public bool BronzeMedal { get; init; }
    [JsonPropertyName("above_median")] public bool AboveMedian { get; init; }
    [JsonPropertyName("submission_exists")] public bool SubmissionExists { get; init; }
    [JsonPropertyName("valid_submission")] public bool ValidSubmission { get; init; }
    [JsonPropertyName("is_lower_better")] public bool? IsLowerBetter { get; init; }
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("submission_path")] public string? SubmissionPath { get; init; }

    /// <summary>Why the submission is invalid (not one of MLE-bench's 16 fields; omitted when null).</summary>
    [JsonPropertyName("invalid_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InvalidReason { get; init; }
}
