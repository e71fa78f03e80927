namespace AgentML.Store.Runs;

/// <summary>
/// What the search keeps of a run: the run, its nodes and their executions. Every save is durable when it returns.
/// Implemented by <c>RunStore</c> (one LiteDB file) in AgentML.Store.
/// </summary>
public interface IRunStore
{
    void SaveRun(RunRecord run);

    RunRecord? GetRun(string id);

    /// <summary>A run by exact id or unique id prefix; null when none or ambiguous.</summary>
    RunRecord? FindRun(string idOrPrefix);

    /// <summary>All runs, newest first.</summary>
    IReadOnlyList<RunRecord> ListRuns();

    void SaveNode(NodeRecord node);

    /// <summary>The run's nodes in creation order.</summary>
    IReadOnlyList<NodeRecord> GetNodes(string runId);

    void SaveExecution(ExecutionRecord execution);

    /// <summary>The run's executions in start order.</summary>
    IReadOnlyList<ExecutionRecord> GetExecutions(string runId);

    /// <summary>Every execution of a task across all runs in the store (the early-score predictor's history).</summary>
    IReadOnlyList<ExecutionRecord> GetTaskExecutions(string taskId);
}
