using AgentML.Core.Tasks;

namespace AgentML.Core.Profiling;

/// <summary>Profiles the columns of a task's train (and test) table.</summary>
public sealed class DataProfiler
{
    public DataProfile Profile(TaskSpec task) => throw new NotImplementedException("issue 2");
}
