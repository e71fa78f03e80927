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

/// <summary>One competition of a bench: the task (with answers and leaderboard) and how it is graded.</summary>
public sealed record BenchCompetition
{
    public required TaskSpec Task { get; init; }

    public required CompetitionSource Source { get; init; }

    /// <summary>How MLE-bench's grade.py grades it (registered MLE-bench competitions); null for AgentML task folders, graded by Core.</summary>
    public Grading.MleBenchGrading? MleBenchGrading { get; init; }

    /// <summary>Archives of the public folder unpacked beside it when the data are staged (image folders prepare.py ships zipped).</summary>
    public IReadOnlyList<StagedArchive> Archives { get; init; } = [];

    /// <summary>Tables written into the staged public folder that prepare.py does not write (a train table built from the train files' paths).</summary>
    public IReadOnlyList<StagedTable> Tables { get; init; } = [];

    /// <summary>MLE-bench complexity (low, medium, high) when known.</summary>
    public string? Complexity { get; init; }

    public string Id => Task.Id;
}
