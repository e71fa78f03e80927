using AgentML.Core.Runs;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Search.Data;
using AgentML.Search.Policies;
using AgentML.Search.Scoring;
using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>
/// The in-memory tree of one run and its persistence, and the one writer of both: nodes and executions are immutable
/// records that only <see cref="NewNode"/>, <see cref="Update"/> and <see cref="Record"/> replace, and so is the run
/// (<see cref="UpdateRun"/>), each under <see cref="Gate"/> and saved to the store at once. A reader holding a record
/// keeps a consistent snapshot; one that reads several members takes <see cref="Gate"/> for a consistent view.
/// </summary>
internal sealed class RunState
{
    private readonly IRunStore _store;
    private readonly TimeProvider _time;
    private readonly long _sessionStart;
    private readonly double _elapsedAtStart;
    private readonly List<NodeRecord> _nodes;
    private readonly Dictionary<string, Dictionary<Fidelity, ExecutionRecord>> _executions;
    private readonly List<Plan> _draftPlans;
    private HashSet<string>? _taskTestIds;
    private Labelled? _trainLabels;
    private Labelled? _checkLabels;
    private Labelled? _lowLabels;
    private Labelled? _refitLabels;

    public RunState(RunRecord run, TaskSpec task, TaskContext context, FoldPlan folds, SolveSettings settings, RunPaths paths, IRunStore store, TimeProvider time)
    {
        Run = run;
        Task = task;
        Context = context;
        Folds = folds;
        Settings = settings;
        Paths = paths;
        _store = store;
        _time = time;
        _sessionStart = time.GetTimestamp();
        _elapsedAtStart = run.ElapsedSeconds;
        _nodes = [.. store.GetNodes(run.Id)];
        _executions = store.GetExecutions(run.Id)
            .GroupBy(e => e.NodeId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.Fidelity), StringComparer.Ordinal);
        _draftPlans = JsonSerializer.Deserialize<List<Plan>>(run.DraftPlansJson) ?? [];
        DevTask = task with
        {
            PublicDirectory = folds.FullInputDirectory,
            TrainPath = Path.Combine(folds.FullInputDirectory, "train.csv"),
            TestPath = Path.Combine(folds.FullInputDirectory, "test.csv"),
            SampleSubmissionPath = Path.Combine(folds.FullInputDirectory, "sample_submission.csv"),
            AnswersPath = folds.TrainAnswersPath,
            LeaderboardPath = null,
        };
    }

    public object Gate { get; } = new();

    /// <summary>Ids of the task's real test set (its sample submission's), read once.</summary>
    public IReadOnlySet<string> TaskTestIds => _taskTestIds ??= CsvTable.Read(Task.SampleSubmissionPath).Column(Task.IdColumn).ToHashSet(StringComparer.Ordinal);

    /// <summary>The run as last saved (replaced, never changed, by <see cref="UpdateRun"/>).</summary>
    public RunRecord Run { get; private set; }

    /// <summary>The planner had no new plan when the search last asked for one (see <see cref="PolicyState.PlansExhausted"/>).</summary>
    public bool PlansExhausted { get; set; }

    public TaskSpec Task { get; }

    /// <summary>The task as the staged input presents it (for grading candidates).</summary>
    public TaskSpec DevTask { get; }

    /// <summary>Labels and folds of the staged training rows (out-of-fold grading), read once.</summary>
    public Labelled TrainLabels => _trainLabels ??= Labelled.Read(DevTask, Folds.TrainAnswersPath, Folds.FoldsPath);

    /// <summary>Labels of the sealed check rows, read once (empty when the run has none).</summary>
    public Labelled CheckLabels => _checkLabels ??= Labelled.Read(DevTask, Folds.CheckAnswersPath);

    /// <summary>Labels and folds of the refit's training rows (every labelled row), read once; null when the plan stages no refit.</summary>
    public Labelled? RefitLabels => Folds.HasRefitInput
        ? _refitLabels ??= Labelled.Read(DevTask, Folds.RefitAnswersPath!, Path.Combine(Folds.RefitInputDirectory!, FoldPlan.FoldsFile))
        : null;

    /// <summary>Labels and folds of the low-fidelity input's training rows.</summary>
    public Labelled LowLabels => _lowLabels ??= LowSubset();

    public TaskContext Context { get; }

    public FoldPlan Folds { get; }

    public SolveSettings Settings { get; }

    public RunPaths Paths { get; }

    public IReadOnlyList<Plan> DraftPlans => _draftPlans;

    public IReadOnlyList<NodeRecord> Nodes => _nodes;

    public bool HigherIsBetter => Context.HigherIsBetter;

    /// <summary>Whether the final run re-runs the chosen node on all labelled rows (<see cref="SolveSettings.Refit"/>).</summary>
    public bool Refits => Settings.Refit switch
    {
        RefitMode.Always => true,
        RefitMode.Never => false,
        _ => Task.TaskType is TaskType.Binary or TaskType.Multiclass && Context.Profile.ClassCounts.Count > 0
             && Context.Profile.ClassCounts.Values.Min() < Folds.FoldCount,
    };

    /// <summary>Seconds this run has used, across sessions.</summary>
    public double ElapsedSeconds => _elapsedAtStart + _time.GetElapsedTime(_sessionStart).TotalSeconds;

    public DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    /// <summary>Out-of-fold rows above which a partial node's score competes with complete nodes'.</summary>
    public const int ReliableRows = 1000;

    public NodeRecord? Node(string id) => _nodes.Find(n => n.Id == id);

    public ExecutionRecord? Execution(string nodeId, Fidelity fidelity) =>
        _executions.TryGetValue(nodeId, out var byFidelity) && byFidelity.TryGetValue(fidelity, out var e) ? e : null;

    /// <summary>Creates, stores and saves a pending node for <paramref name="action"/>.</summary>
    public NodeRecord NewNode(SearchAction action)
    {
        lock (Gate)
        {
            var number = _nodes.Count == 0 ? 1 : _nodes.Max(n => n.Number) + 1;
            var node = Stamp(new NodeRecord
            {
                Id = "n" + number.ToString("000", CultureInfo.InvariantCulture),
                RunId = Run.Id,
                Number = number,
                ParentIds = [.. action.ParentIds],
                Operator = action.Operator,
                PlanIndex = action.PlanIndex,
                Status = NodeStatus.Pending,
                CreatedAt = UtcNow,
            });
            _nodes.Add(node);
            _store.SaveNode(node);
            return node;
        }
    }

    /// <summary>
    /// Replaces node <paramref name="nodeId"/> with <paramref name="change"/>(the stored node), stamped with the time of
    /// the change (and of its end when it finished), and saves it; returns the new node.
    /// </summary>
    public NodeRecord Update(string nodeId, Func<NodeRecord, NodeRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            var index = _nodes.FindIndex(n => n.Id == nodeId);
            if (index < 0)
            {
                throw new InvalidOperationException($"Unknown node {nodeId}");
            }

            var node = Stamp(change(_nodes[index]));
            _nodes[index] = node;
            _store.SaveNode(node);
            return node;
        }
    }

    /// <summary>Stores and saves <paramref name="execution"/>, replacing the node's earlier one at the same fidelity.</summary>
    public ExecutionRecord Record(ExecutionRecord execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        lock (Gate)
        {
            if (!_executions.TryGetValue(execution.NodeId, out var byFidelity))
            {
                byFidelity = [];
                _executions[execution.NodeId] = byFidelity;
            }

            byFidelity[execution.Fidelity] = execution;
            _store.SaveExecution(execution);
            return execution;
        }
    }

    /// <summary>Adds the plans not known yet to the run's draft plans and saves the run; returns how many it has.</summary>
    public int AddDraftPlans(IEnumerable<Plan> plans)
    {
        lock (Gate)
        {
            var known = _draftPlans.Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
            _draftPlans.AddRange(plans.Where(p => known.Add(p.Text)));
            UpdateRun(r => r);
            return _draftPlans.Count;
        }
    }

    private NodeRecord Stamp(NodeRecord node)
    {
        var now = UtcNow;
        return node.Status.IsFinished()
            ? node with { UpdatedAt = now, FinishedAt = node.FinishedAt ?? now, FinishedAtRunSeconds = node.FinishedAtRunSeconds ?? ElapsedSeconds }
            : node with { UpdatedAt = now };
    }

    /// <summary>
    /// Replaces the run with <paramref name="change"/>(the run), stamped with the time of the change, the seconds used and
    /// the draft plans, and saves it; returns the new run.
    /// </summary>
    public RunRecord UpdateRun(Func<RunRecord, RunRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            Run = change(Run) with { UpdatedAt = UtcNow, ElapsedSeconds = ElapsedSeconds, DraftPlansJson = JsonSerializer.Serialize(_draftPlans) };
            _store.SaveRun(Run);
            return Run;
        }
    }

    /// <summary>Executions of this task in every run of the store (the predictor's history).</summary>
    public IReadOnlyList<ExecutionRecord> TaskHistory() => _store.GetTaskExecutions(Task.Id);

    /// <summary>
    /// Working nodes that are not leaky, best first. A node that finished only some folds is ranked on the rows it
    /// predicted (the same rows' distribution, a noisier estimate); where those are fewer than
    /// <see cref="ReliableRows"/>, its score is too noisy to beat a node that finished every fold, and it ranks after them.
    /// </summary>
    public List<NodeRecord> Ranked()
    {
        var ok = _nodes.Where(n => n.Status == NodeStatus.Ok && n.Score is not null && !n.Leaky)
            .OrderByDescending(n => (n.Coverage ?? 1) >= 0.999 || (n.Coverage ?? 1) * Folds.TrainRows >= ReliableRows);
        return HigherIsBetter ? [.. ok.ThenByDescending(n => n.Score)] : [.. ok.ThenBy(n => n.Score)];
    }

    public NodeRecord? Best => Ranked().FirstOrDefault();

    public bool IsBetter(double candidate, double? reference) =>
        reference is null || (HigherIsBetter ? candidate > reference.Value : candidate < reference.Value);

    private Labelled LowSubset()
    {
        var ids = CsvTable.Read(Path.Combine(Folds.LowInputDirectory!, FoldPlan.FoldsFile)).Column(Task.IdColumn);
        return TrainLabels.Subset([.. ids.Select(TrainLabels.RowOf)]);
    }

    public int DebugDepth(NodeRecord node)
    {
        var depth = 0;
        var current = node;
        while (current is { Operator: NodeOperator.Debug } && current.ParentIds.Count == 1)
        {
            depth++;
            current = Node(current.ParentIds[0]);
        }

        return depth;
    }

    /// <summary>What a node runs, for recognising repeats: its recipe without its title and notes, else its code.</summary>
    public static string Fingerprint(NodeRecord node) => node.Recipe is { Length: > 0 } recipe ? RecipeJson.TryParse(recipe, out var r) ? RecipeJson.Signature(r) : recipe : node.Code.Trim();

    public PolicyState ToPolicyState(double progress, int step) => new()
    {
        Nodes = _nodes.Select(n => new PolicyNode
        {
            Id = n.Id,
            Operator = n.Operator,
            ParentIds = n.ParentIds,
            Status = n.Status,
            Score = n.Leaky || n.SameAs is not null ? null : n.Score, // neither is built on
            Noise = n.FoldScores.Count > 1 ? Scoring.NodeScorer.StandardDeviation(n.FoldScores) / Math.Sqrt(n.FoldScores.Count) : 0,
            Fingerprint = Fingerprint(n),
            DebugDepth = DebugDepth(n),
            PlanIndex = n.PlanIndex,
        }).ToList(),
        HigherIsBetter = HigherIsBetter,
        Progress = progress,
        DraftPlansAvailable = DraftPlans.Count,
        DraftCount = Settings.DraftCount,
        PlansExhausted = PlansExhausted,
        MaxDebugDepth = Settings.MaxDebugDepth,
        Step = step,
        Seed = Settings.Seed,
    };

    public SolutionView View(NodeRecord node)
    {
        var execution = Execution(node.Id, Fidelity.Full) ?? Execution(node.Id, Fidelity.Low);
        return new SolutionView
        {
            NodeId = node.Id,
            Operator = node.Operator,
            Plan = node.Plan,
            Code = node.Code,
            Recipe = node.Recipe,
            Score = node.Score,
            Status = node.Status,
            Output = execution?.Output,
            Error = node.Error,
            EarlyMetrics = execution?.EarlyMetrics.Select(m => m.Value).ToList() ?? [],
            Duration = execution is null ? null : TimeSpan.FromSeconds(execution.DurationSeconds),
        };
    }

    public TreeSummary Summary()
    {
        var best = Ranked().Take(8).Select(View).ToList();
        var failures = _nodes.Where(n => n.Status is NodeStatus.Buggy or NodeStatus.Pruned)
            .OrderByDescending(n => n.Number).Take(8).Select(View).ToList();
        return new TreeSummary(best, failures, _nodes.Count)
        {
            TriedRecipes = _nodes.Select(n => n.Recipe).OfType<string>().ToList(),
            TriedPrograms = _nodes.Where(n => n.Code.Length > 0).Select(n => TreeSummary.ProgramKey(n.Code)).ToHashSet(StringComparer.Ordinal),
        };
    }
}
