using LiteDB;

namespace AgentML.Store.Runs;

/// <summary>
/// Runs, nodes and executions in one LiteDB file. Every save is its own transaction, so a process killed at any
/// point leaves every earlier save in place. Thread-safe (the shared <see cref="LiteDatabase"/> is).
/// </summary>
public sealed class RunStore : IRunStore
{
    public const string RunsCollection = "runs";
    public const string NodesCollection = "nodes";
    public const string ExecutionsCollection = "executions";

    private readonly ILiteCollection<RunRecord> _runs;
    private readonly ILiteCollection<NodeRecord> _nodes;
    private readonly ILiteCollection<ExecutionRecord> _executions;

    public RunStore(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _runs = database.GetCollection<RunRecord>(RunsCollection);
        _nodes = database.GetCollection<NodeRecord>(NodesCollection);
        _executions = database.GetCollection<ExecutionRecord>(ExecutionsCollection);
        if (!StoreDatabase.IsReadOnly(database))
        {
            _nodes.EnsureIndex(n => n.RunId);
            _executions.EnsureIndex(e => e.RunId);
            _executions.EnsureIndex(e => e.TaskId);
        }
    }

    /// <summary>The store of the shared database at <paramref name="path"/>.</summary>
    public static RunStore Open(string path) => new(StoreDatabase.Get(path));

    public void SaveRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs.Upsert(run);
    }

    public RunRecord? GetRun(string id) => _runs.FindById(id);

    /// <summary>A run by exact id or unique id prefix; null when none or ambiguous.</summary>
    public RunRecord? FindRun(string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        var exact = GetRun(idOrPrefix);
        if (exact is not null)
        {
            return exact;
        }

        var matches = _runs.FindAll().Where(r => r.Id.StartsWith(idOrPrefix, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>All runs, newest first.</summary>
    public IReadOnlyList<RunRecord> ListRuns() => _runs.FindAll().OrderByDescending(r => r.CreatedAt).ToList();

    public void SaveNode(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Upsert(node);
    }

    /// <summary>The run's nodes in creation order.</summary>
    public IReadOnlyList<NodeRecord> GetNodes(string runId) =>
        _nodes.Find(n => n.RunId == runId).OrderBy(n => n.Number).ToList();

    public void SaveExecution(ExecutionRecord execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        _executions.Upsert(execution);
    }

    public IReadOnlyList<ExecutionRecord> GetExecutions(string runId) =>
        _executions.Find(e => e.RunId == runId).OrderBy(e => e.StartedAt).ToList();

    /// <summary>Every execution of a task across all runs in the store (the early-score predictor's history).</summary>
    public IReadOnlyList<ExecutionRecord> GetTaskExecutions(string taskId) =>
        _executions.Find(e => e.TaskId == taskId).ToList();
}
