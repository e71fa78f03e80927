namespace AgentML.Core.Runs;

/// <summary>Which input an execution ran on.</summary>
public enum Fidelity
{
    /// <summary>A subsample of the training rows (early scoring).</summary>
    Low,

    /// <summary>All training rows of the run, with the orchestrator's folds.</summary>
    Full,

    /// <summary>The task's whole training data against its real test set (a re-run after the search).</summary>
    Final,
}
