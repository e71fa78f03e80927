using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Reporting;

/// <summary>The outcome of one forge run: every file, every task tried, accepted or rejected with reasons.</summary>
public sealed record ForgeReport
{
    public required string Input { get; init; }

    public required string Output { get; init; }

    public required int Seed { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required IReadOnlyList<FileReport> Files { get; init; }

    /// <summary>The LLM roles' model, calls, tokens, cost and budget; null when the run used the builtin roles only.</summary>
    public LlmReport? Llm { get; init; }

    public int Accepted => Files.Sum(f => f.Accepted);

    public int Rejected => Files.Sum(f => f.Tasks.Count - f.Accepted);
}

/// <summary>One raw file: its tasks, the columns that could not be targets, or the error that stopped it.</summary>
public sealed record FileReport
{
    public required string Source { get; init; }

    public int Rows { get; init; }

    public int Columns { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<DroppedColumn> NotTargets { get; init; } = [];

    /// <summary>How the file was read and what was repaired (encoding, separator, header, number formats).</summary>
    public IReadOnlyList<string> Reading { get; init; } = [];

    /// <summary>Why the file gave no task at all (no column can be a target), else null.</summary>
    public string? NoTaskReason { get; init; }

    public IReadOnlyList<TaskReport> Tasks { get; init; } = [];

    /// <summary>What happened to the LLM brainstormer's ideas for this file (rejected candidates, fallback).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Accepted => Tasks.Count(t => t.Accepted);
}

/// <summary>One forged task and its verification.</summary>
public sealed record TaskReport
{
    public required string TaskId { get; init; }

    public required bool Accepted { get; init; }

    public required string Folder { get; init; }

    public required string Target { get; init; }

    public required string TaskType { get; init; }

    public required string Metric { get; init; }

    public required string Split { get; init; }

    public required string Rationale { get; init; }

    public int TrainRows { get; init; }

    public int TestRows { get; init; }

    public IReadOnlyList<DroppedColumn> Dropped { get; init; } = [];

    public BaselineScores? Scores { get; init; }

    public required IReadOnlyList<VerificationCheck> Checks { get; init; }

    /// <summary>Which brainstormer proposed the task: builtin or llm.</summary>
    public string Brainstormer { get; init; } = ForgeOrigins.Builtin;

    /// <summary>Which designer made it: builtin or llm (validated model choices, builtin pieces where they failed).</summary>
    public string Designer { get; init; } = ForgeOrigins.Builtin;

    /// <summary>The designer's notes: the model's pieces replaced by builtin ones, fallbacks.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The failed checks in words (empty when accepted).</summary>
    public IReadOnlyList<string> Reasons => Checks.Where(c => !c.Passed).Select(c => $"{c.Stage.ToString().ToLowerInvariant()}/{c.Name}: {c.Detail}").ToArray();
}
