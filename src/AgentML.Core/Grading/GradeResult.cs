namespace AgentML.Core.Grading;

/// <summary>A grade: a score, or the reason the submission is invalid. Never an exception to the caller.</summary>
public sealed record GradeResult(double? Score, string? InvalidReason)
{
    public bool IsValid => Score is not null;

    public static GradeResult Valid(double score) => new(score, null);

    public static GradeResult Invalid(string reason) => new(null, reason);
}
