using AgentML.Core.Tasks;

namespace AgentML.Bench.Competitions;

/// <summary>Where a competition came from.</summary>
public enum CompetitionSource
{
    /// <summary>An AgentML task folder (competition.yaml or a bare Kaggle-style folder).</summary>
    TaskFolder,

    /// <summary>MLE-bench's prepared layout <c>&lt;data&gt;/&lt;id&gt;/prepared/{public,private}</c>.</summary>
    MleBench,
}

/// <summary>MLE-bench grading details that differ from a plain id + targets comparison.</summary>
public sealed record GradingAdjustments
{
    /// <summary>Grade only the id and target columns of the submission and answers (MLE-bench ignores extra columns).</summary>
    public bool ProjectToTargets { get; init; }

    /// <summary>Drop answer rows whose target values sum below zero (and the submission's rows with those ids).</summary>
    public bool SkipNegativeAnswerRows { get; init; }

    public static GradingAdjustments None { get; } = new();
}

/// <summary>One competition of a bench: the task (with answers and leaderboard) and how it is graded.</summary>
public sealed record BenchCompetition
{
    public required TaskSpec Task { get; init; }

    public required CompetitionSource Source { get; init; }

    public GradingAdjustments Adjustments { get; init; } = GradingAdjustments.None;

    /// <summary>MLE-bench complexity (low, medium, high) when known.</summary>
    public string? Complexity { get; init; }

    public string Id => Task.Id;
}
