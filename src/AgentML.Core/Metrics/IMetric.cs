namespace AgentML.Core.Metrics;

/// <summary>A metric over aligned answers and predictions (already parsed by the grader).</summary>
public interface IMetric
{
    /// <summary>Name as in <see cref="MetricNames"/>.</summary>
    string Name { get; }

    bool HigherIsBetter { get; }
}

/// <summary>Looks metrics up by name.</summary>
public static class MetricRegistry
{
    /// <summary>The metric named <paramref name="name"/>; throws <see cref="UserFacingException"/> listing the known names otherwise.</summary>
    public static IMetric Get(string name) => throw new NotImplementedException("issue 2");

    public static bool TryGet(string name, out IMetric? metric) => throw new NotImplementedException("issue 2");
}
