using System.Text.Json.Serialization;
using AgentML.Core.Grading;

namespace AgentML.Bench.Reporting;

/// <summary>MLE-bench's batch report: totals over all runs and every run's 16-field report.</summary>
public sealed record BatchReport
{
    [JsonPropertyName("total_runs")] public int TotalRuns { get; init; }
    [JsonPropertyName("total_runs_with_submissions")] public int TotalRunsWithSubmissions { get; init; }
    [JsonPropertyName("total_valid_submissions")] public int TotalValidSubmissions { get; init; }
    [JsonPropertyName("total_medals")] public int TotalMedals { get; init; }
    [JsonPropertyName("total_gold_medals")] public int TotalGoldMedals { get; init; }
    [JsonPropertyName("total_silver_medals")] public int TotalSilverMedals { get; init; }
    [JsonPropertyName("total_bronze_medals")] public int TotalBronzeMedals { get; init; }
    [JsonPropertyName("total_above_median")] public int TotalAboveMedian { get; init; }
    [JsonPropertyName("competition_reports")] public IReadOnlyList<CompetitionReport> CompetitionReports { get; init; } = [];
}

/// <summary>A mean over seeds with its standard error (sample standard deviation / sqrt(seeds); 0 for one seed).</summary>
public sealed record MeanSe(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("standard_error")] double StandardError,
    [property: JsonPropertyName("per_seed")] IReadOnlyList<double> PerSeed);

/// <summary>A split's leaderboard figures: percentages of its competitions, as mean ± standard error over seeds.</summary>
public sealed record SplitSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("competitions")] public required IReadOnlyList<string> Competitions { get; init; }

    /// <summary>Keys: any_medal, gold_medal, silver_medal, bronze_medal, above_median, valid_submission, submission_exists.</summary>
    [JsonPropertyName("percentages")] public required IReadOnlyDictionary<string, MeanSe> Percentages { get; init; }
}

/// <summary>One competition across seeds.</summary>
public sealed record CompetitionSummary
{
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }
    [JsonPropertyName("metric")] public string? Metric { get; init; }
    [JsonPropertyName("is_lower_better")] public bool? IsLowerBetter { get; init; }
    [JsonPropertyName("runs")] public int Runs { get; init; }
    [JsonPropertyName("finished")] public int Finished { get; init; }
    [JsonPropertyName("submissions")] public int Submissions { get; init; }
    [JsonPropertyName("valid")] public int Valid { get; init; }
    [JsonPropertyName("any_medal")] public int AnyMedal { get; init; }
    [JsonPropertyName("gold_medal")] public int Gold { get; init; }
    [JsonPropertyName("silver_medal")] public int Silver { get; init; }
    [JsonPropertyName("bronze_medal")] public int Bronze { get; init; }
    [JsonPropertyName("above_median")] public int AboveMedian { get; init; }

    /// <summary>Mean ± standard error of the valid scores (null when none).</summary>
    [JsonPropertyName("score")] public MeanSe? Score { get; init; }
    [JsonPropertyName("gold_threshold")] public double? GoldThreshold { get; init; }
    [JsonPropertyName("silver_threshold")] public double? SilverThreshold { get; init; }
    [JsonPropertyName("bronze_threshold")] public double? BronzeThreshold { get; init; }
    [JsonPropertyName("median_threshold")] public double? MedianThreshold { get; init; }
}

/// <summary>One run as recorded.</summary>
public sealed record RunSummary
{
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("agent_outcome")] public string? AgentOutcome { get; init; }
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("run_dir")] public string? RunDirectory { get; init; }

    /// <summary>A report.html the agent left in its run folder (AgentML's search report), relative to the bench folder.</summary>
    [JsonPropertyName("run_report")] public string? RunReport { get; init; }
    [JsonPropertyName("report")] public CompetitionReport? Report { get; init; }
}

/// <summary>The whole bench report (report.json); the markdown and HTML reports render it.</summary>
public sealed record BenchReport
{
    [JsonPropertyName("bench_id")] public required string BenchId { get; init; }
    [JsonPropertyName("agent")] public required string Agent { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("generated_at")] public DateTimeOffset GeneratedAt { get; init; }
    [JsonPropertyName("seeds")] public IReadOnlyList<int> Seeds { get; init; } = [];
    [JsonPropertyName("time_limit_s")] public double? TimeLimitSeconds { get; init; }
    [JsonPropertyName("complete")] public bool Complete { get; init; }
    [JsonPropertyName("batch")] public required BatchReport Batch { get; init; }
    [JsonPropertyName("splits")] public IReadOnlyList<SplitSummary> Splits { get; init; } = [];
    [JsonPropertyName("competitions")] public IReadOnlyList<CompetitionSummary> Competitions { get; init; } = [];
    [JsonPropertyName("runs")] public IReadOnlyList<RunSummary> Runs { get; init; } = [];
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}
