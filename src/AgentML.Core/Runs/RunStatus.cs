namespace AgentML.Core.Runs;

/// <summary>Where a solve run stands (a killed process leaves <see cref="Running"/>; resume continues it).</summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
}
