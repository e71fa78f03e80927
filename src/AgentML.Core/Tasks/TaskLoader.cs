namespace AgentML.Core.Tasks;

/// <summary>Options for loading a task folder.</summary>
public sealed record TaskLoadOptions
{
    /// <summary>Metric to use when neither competition.yaml nor the description names one (--metric).</summary>
    public string? Metric { get; init; }

    /// <summary>Ignore competition.yaml and infer everything (used to test inference).</summary>
    public bool IgnoreCompetitionYaml { get; init; }
}

/// <summary>Loads a task folder (competition.yaml layout) or a bare Kaggle-style folder into a <see cref="TaskSpec"/>.</summary>
public sealed class TaskLoader
{
    /// <summary>Loads and validates; throws <see cref="UserFacingException"/> with a clear message on bad input.</summary>
    public TaskSpec Load(string folder, TaskLoadOptions? options = null) => throw new NotImplementedException("issue 2");
}
