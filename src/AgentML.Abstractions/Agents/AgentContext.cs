using AgentML.Core.Profiling;
using AgentML.Core.Runs;
using AgentML.Core.Tasks;

namespace AgentML.Agents.Roles;

/// <summary>What every role knows about the task: the spec, the data profile and the limits a program runs under.</summary>
public sealed record TaskContext
{
    public required TaskSpec Task { get; init; }

    public required DataProfile Profile { get; init; }

    /// <summary>Wall-clock limit of one program run.</summary>
    public required TimeSpan ProgramTimeLimit { get; init; }

    /// <summary>True when higher scores are better for the task's metric.</summary>
    public required bool HigherIsBetter { get; init; }

    public int Seed { get; init; }

    /// <summary>The rows the search's programs are given (the orchestrator's fold plan); null outside a search.</summary>
    public StagedRows? Staged { get; init; }

    /// <summary>Pretrained weights on this machine, mounted read-only into every program's sandbox when found.</summary>
    public PretrainedWeights Weights { get; init; } = PretrainedWeights.None;
}

/// <summary>
/// What a search stages for every program: <paramref name="TrainRows"/> training rows dealt to
/// <paramref name="Folds"/> folds (each fit sees (K-1)/K of them) and <paramref name="TestRows"/> rows to predict
/// (the sealed check rows and the task's test rows that ride along).
/// </summary>
public sealed record StagedRows(int TrainRows, int TestRows, int Folds);

/// <summary>A node of the search tree as agents see it.</summary>
public sealed record SolutionView
{
    public required string NodeId { get; init; }

    public required NodeOperator Operator { get; init; }

    public required string Plan { get; init; }

    public required string Code { get; init; }

    /// <summary>The structured recipe the builtin expert wrote for this node (JSON), when it has one.</summary>
    public string? Recipe { get; init; }

    /// <summary>The orchestrator's score on the development split; null when buggy or not run.</summary>
    public double? Score { get; init; }

    public required NodeStatus Status { get; init; }

    /// <summary>Output head and tail of the last execution.</summary>
    public string? Output { get; init; }

    /// <summary>Why it failed: sandbox reason, exception line or the grader's invalid-submission reason.</summary>
    public string? Error { get; init; }

    /// <summary>Early metrics (per fold) printed by the program.</summary>
    public IReadOnlyList<double> EarlyMetrics { get; init; } = [];

    public TimeSpan? Duration { get; init; }
}

/// <summary>A compact view of the tree for prompts: best working nodes and recent failures.</summary>
public sealed record TreeSummary(IReadOnlyList<SolutionView> Best, IReadOnlyList<SolutionView> RecentFailures, int NodeCount)
{
    public static TreeSummary Empty { get; } = new([], [], 0);

    /// <summary>The recipe of every node in the tree (not only the best and the failures), so that ideas already tried are not proposed again.</summary>
    public IReadOnlyList<string> TriedRecipes { get; init; } = [];

    /// <summary>Every program the tree holds, as <see cref="ProgramKey"/>s: a role that writes one of them again is asked for another.</summary>
    public IReadOnlySet<string> TriedPrograms { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A program's identity for repeats: its code with blank lines and trailing spaces ignored.</summary>
    public static string ProgramKey(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('\n', code.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
    }
}

/// <summary>Tokens and cost spent by one role call.</summary>
public sealed record Usage(int InputTokens, int OutputTokens, decimal Cost)
{
    public static Usage None { get; } = new(0, 0, 0m);

    public static Usage operator +(Usage a, Usage b) =>
        new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.Cost + b.Cost);
}

/// <summary>A natural-language plan with the structured recipe it came with (builtin) and what it was derived from.</summary>
public sealed record Plan(string Text, string? Recipe, IReadOnlyList<string> Observations)
{
    /// <summary>Tokens and cost spent making this plan (LLM planner); the coder counts it into the node it writes.</summary>
    public Usage Usage { get; init; } = Usage.None;
}

/// <summary>The result of a role that writes a program: plan, code and who made it.</summary>
public sealed record AgentOutput
{
    public required string Plan { get; init; }

    public required string Code { get; init; }

    public string? Recipe { get; init; }

    /// <summary>"builtin" or the LLM implementation name.</summary>
    public required string Agent { get; init; }

    /// <summary>Model id, or "builtin".</summary>
    public required string Model { get; init; }

    public Usage Usage { get; init; } = Usage.None;

    /// <summary>Notes for the run log, e.g. "LLM failed 3 times; fell back to the builtin debugger".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
