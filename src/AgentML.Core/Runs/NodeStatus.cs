namespace AgentML.Core.Runs;

/// <summary>Where a node of the search tree stands.</summary>
public enum NodeStatus
{
    /// <summary>Created; the agent is writing its program.</summary>
    Pending,

    /// <summary>Its program is being evaluated.</summary>
    Running,

    /// <summary>Evaluated at full fidelity with a valid score.</summary>
    Ok,

    /// <summary>Failed: agent error, program error, timeout or invalid submission.</summary>
    Buggy,

    /// <summary>Works, but early scoring decided it cannot beat the best (not promoted or stopped), or it was cut by the budget.</summary>
    Pruned,
}
