using AgentML.Core.Runs;
using System.Text.Json;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>A node's state as reports and consoles show it.</summary>
public enum ReportStatus
{
    /// <summary>An agent is writing its program.</summary>
    Pending,

    /// <summary>Its program runs.</summary>
    Running,

    Ok,

    Buggy,

    Pruned,
}

/// <summary>
/// What the report, the console and <c>agentml show</c> draw: a run and its nodes, independent of how the store keeps
/// them. <see cref="From"/> is the one place that reads store records.
/// </summary>
public sealed record ReportModel
{
    public required string RunId { get; init; }

    public required string TaskId { get; init; }

    public string TaskName { get; init; } = "";

    public string TaskFolder { get; init; } = "";

    /// <summary>The run's artifacts folder (runs/&lt;run-id&gt;).</summary>
    public string OutputDirectory { get; init; } = "";

    public required string Metric { get; init; }

    public bool HigherIsBetter { get; init; }

    /// <summary>running, finished or failed.</summary>
    public string Status { get; init; } = "";

    public string? Message { get; init; }

    public string? BestNodeId { get; init; }

    public double? BestScore { get; init; }

    /// <summary>The node whose program made the submission (when it is one node).</summary>
    public string? FinalNodeId { get; init; }

    public string? SubmissionPath { get; init; }

    public double? TestScore { get; init; }

    public double ElapsedSeconds { get; init; }

    public int Sessions { get; init; }

    /// <summary>The run's time budget, when its settings say.</summary>
    public double? TimeBudgetSeconds { get; init; }

    public string SettingsJson { get; init; } = "{}";

    public string SplitJson { get; init; } = "{}";

    public decimal LlmCost { get; init; }

    public ReportEarlyScoring Early { get; init; } = new();

    /// <summary>The ensemble of the run, when it made one.</summary>
    public ReportEnsemble? Ensemble { get; init; }

    /// <summary>Nodes in creation order.</summary>
    public IReadOnlyList<ReportNode> Nodes { get; init; } = [];

    /// <summary>LLM use per role (empty when only builtin roles played).</summary>
    public IReadOnlyList<ReportRoleUsage> LlmRoles { get; init; } = [];

    public ReportNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>True when <paramref name="a"/> is a better score than <paramref name="b"/>.</summary>
    public bool IsBetter(double a, double b) => HigherIsBetter ? a > b : a < b;

    /// <summary>
    /// The one mapping from store records; <paramref name="executions"/> may be empty (the console needs none).
    /// LiteDB reads empty strings back as null, hence the <c>?? ""</c> on text fields.
    /// </summary>
    public static ReportModel From(RunRecord run, IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ExecutionRecord> executions)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(executions);
        var byNode = executions.ToLookup(e => e.NodeId, StringComparer.Ordinal);
        var weights = run.Ensemble?.Members.ToDictionary(m => m.NodeId, m => m.Weight, StringComparer.Ordinal) ?? [];
        var mapped = nodes.OrderBy(n => n.Number).Select(n => MapNode(n, byNode[n.Id].ToList()) with
        {
            EnsembleWeight = weights.TryGetValue(n.Id, out var w) ? w : null,
        }).ToList();
        return new ReportModel
        {
            RunId = run.Id,
            TaskId = run.TaskId,
            TaskName = run.TaskName,
            TaskFolder = run.TaskFolder,
            OutputDirectory = run.OutputDirectory,
            Metric = run.Metric,
            HigherIsBetter = run.HigherIsBetter,
            Status = run.Status.ToText(),
            Message = run.Message,
            BestNodeId = run.BestNodeId,
            BestScore = run.BestScore,
            FinalNodeId = run.FinalNodeId,
            SubmissionPath = run.SubmissionPath,
            TestScore = run.TestScore,
            ElapsedSeconds = run.ElapsedSeconds,
            Sessions = run.Sessions,
            TimeBudgetSeconds = TimeBudget(run.SettingsJson),
            SettingsJson = run.SettingsJson,
            SplitJson = run.SplitJson,
            LlmCost = run.LlmCost,
            Early = new ReportEarlyScoring
            {
                ComputeSpentSeconds = run.ComputeSpentSeconds,
                ComputeSavedSeconds = run.ComputeSavedSeconds,
                LowFidelityRuns = run.LowFidelityRuns,
                FullFidelityRuns = run.FullFidelityRuns,
                NotPromoted = run.NotPromoted,
                StoppedEarly = run.StoppedEarly,
                SpearmanFidelity = run.SpearmanFidelity,
                SpearmanFidelityPairs = run.SpearmanFidelityPairs,
                SpearmanEarlyMetric = run.SpearmanEarlyMetric,
                SpearmanEarlyMetricPairs = run.SpearmanEarlyMetricPairs,
            },
            Ensemble = run.Ensemble is { } e ? new ReportEnsemble([.. e.Members.Select(m => (m.NodeId, m.Weight))], e.Score, e.Wins) : null,
            Nodes = mapped,
            LlmRoles = RoleUsage(mapped),
        };
    }

    private static ReportNode MapNode(NodeRecord n, List<ExecutionRecord> executions)
    {
        var search = executions.Where(e => e.Fidelity != Fidelity.Final).ToList();
        var last = search.FirstOrDefault(e => e.Fidelity == Fidelity.Full) ?? search.LastOrDefault();
        var programMetrics = last is null ? [] : last.EarlyMetrics.Select(m => new ReportMetric(m.Name, m.Step, m.Value)).ToList();
        return new ReportNode
        {
            Id = n.Id,
            Number = n.Number,
            Parents = [.. n.ParentIds],
            Operator = n.Operator.ToText(),
            Origin = NodeOrigin.Of(n),
            Status = n.Status switch
            {
                NodeStatus.Ok => ReportStatus.Ok,
                NodeStatus.Buggy => ReportStatus.Buggy,
                NodeStatus.Pruned => ReportStatus.Pruned,
                NodeStatus.Running => ReportStatus.Running,
                _ => ReportStatus.Pending,
            },
            Score = n.Score,
            FoldScores = [.. n.FoldScores],
            CheckScore = n.CheckScore,
            Leaky = n.Leaky,
            LowScore = n.LowScore,
            Error = n.Error,
            Plan = n.Plan ?? "",
            Code = n.Code ?? "",
            Agent = n.Agent ?? "",
            Model = n.Model ?? "",
            InputTokens = n.InputTokens,
            OutputTokens = n.OutputTokens,
            Cost = n.Cost,
            CreatedAt = n.CreatedAt,
            FinishedAtRunSeconds = n.FinishedAtRunSeconds,
            DurationSeconds = search.Count == 0 ? null : search.Sum(e => e.DurationSeconds),
            PeakMemoryBytes = search.Max(e => e.PeakMemoryBytes),
            Outcome = last is null ? null : last.Reason.ToText() + (last.ExitCode is { } code ? $" (exit {code})" : ""),
            ProgramMetrics = programMetrics,
            Executions = [.. executions.Select(e => new ReportExecution(e.Fidelity.ToText(), e.TrainFraction, e.Reason.ToText(), e.DurationSeconds, e.PeakMemoryBytes, e.Score))],
            LogTail = last is null ? "" : Tail(last.Output ?? "", 40),
            Notes = [.. n.Notes ?? []],
        };
    }

    /// <summary>Which role wrote a node of each operator (drafts: the coder, after the planner).</summary>
    public static string Role(string op) => op switch
    {
        "draft" => "coder",
        "improve" => "improver",
        "debug" => "debugger",
        "merge" => "merger",
        _ => op,
    };

    private static IReadOnlyList<ReportRoleUsage> RoleUsage(IReadOnlyList<ReportNode> nodes) =>
        nodes.Where(n => n.InputTokens + n.OutputTokens > 0 || n.Cost > 0)
            .GroupBy(n => Role(n.Operator), StringComparer.Ordinal)
            .Select(g => new ReportRoleUsage(
                g.Key, string.Join(", ", g.Select(n => n.Model).Distinct(StringComparer.Ordinal)), g.Count(), null,
                g.Sum(n => (long)n.InputTokens), g.Sum(n => (long)n.OutputTokens), g.Sum(n => n.Cost)))
            .OrderBy(u => u.Role, StringComparer.Ordinal)
            .ToList();

    private static double? TimeBudget(string settingsJson)
    {
        try
        {
            return SolveSettings.FromJson(settingsJson).TimeBudget.TotalSeconds;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="text"/>.</summary>
    internal static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return all.Length <= lines ? string.Join('\n', all) : string.Join('\n', all[^lines..]);
    }
}

/// <summary>One node as reports show it.</summary>
public sealed record ReportNode
{
    public required string Id { get; init; }

    public int Number { get; init; }

    /// <summary>None for a draft, one for improve/debug, two for a merge.</summary>
    public IReadOnlyList<string> Parents { get; init; } = [];

    /// <summary>draft, improve, debug or merge.</summary>
    public required string Operator { get; init; }

    /// <summary>Where its program came from (<see cref="NodeOrigin"/>): new recipe, refinement, portfolio, merge or fix.</summary>
    public string Origin { get; init; } = NodeOrigin.NewRecipe;

    public ReportStatus Status { get; init; }

    /// <summary>The orchestrator's score (out-of-fold when the run scores folds).</summary>
    public double? Score { get; init; }

    public double? LowScore { get; init; }

    /// <summary>Score on the sealed check rows, when the run has them.</summary>
    public double? CheckScore { get; init; }

    /// <summary>The orchestrator's score of each fold, when the run scores folds.</summary>
    public IReadOnlyList<double> FoldScores { get; init; } = [];

    /// <summary>Flagged because its out-of-fold score is far better than its check score.</summary>
    public bool Leaky { get; init; }

    /// <summary>Weight in the run's ensemble, when it is a member.</summary>
    public double? EnsembleWeight { get; init; }

    public string? Error { get; init; }

    public string Plan { get; init; } = "";

    public string Code { get; init; } = "";

    public string Agent { get; init; } = "";

    public string Model { get; init; } = "";

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public decimal Cost { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>Seconds since the run started when the node finished.</summary>
    public double? FinishedAtRunSeconds { get; init; }

    /// <summary>Sandbox seconds of its search runs.</summary>
    public double? DurationSeconds { get; init; }

    public long? PeakMemoryBytes { get; init; }

    /// <summary>How its last search run ended, e.g. "ok (exit 0)".</summary>
    public string? Outcome { get; init; }

    /// <summary>The AGENTML_METRIC lines its program printed (e.g. one per fold).</summary>
    public IReadOnlyList<ReportMetric> ProgramMetrics { get; init; } = [];

    public IReadOnlyList<ReportExecution> Executions { get; init; } = [];

    /// <summary>The end of its program's output.</summary>
    public string LogTail { get; init; } = "";

    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IsFinished => Status is ReportStatus.Ok or ReportStatus.Buggy or ReportStatus.Pruned;
}

public sealed record ReportMetric(string Name, int Step, double Value);

public sealed record ReportExecution(string Fidelity, double TrainFraction, string Reason, double DurationSeconds, long? PeakMemoryBytes, double? Score);

/// <summary>The run's ensemble: members with weights and its score.</summary>
public sealed record ReportEnsemble(IReadOnlyList<(string NodeId, double Weight)> Members, double? Score, bool Chosen);

/// <summary>LLM use of one role; <paramref name="Calls"/> is null when the run did not record calls.</summary>
public sealed record ReportRoleUsage(string Role, string Models, int Nodes, int? Calls, long InputTokens, long OutputTokens, decimal Cost);

/// <summary>Early-metric scoring figures of a run.</summary>
public sealed record ReportEarlyScoring
{
    public double ComputeSpentSeconds { get; init; }

    public double ComputeSavedSeconds { get; init; }

    public int LowFidelityRuns { get; init; }

    public int FullFidelityRuns { get; init; }

    public int NotPromoted { get; init; }

    public int StoppedEarly { get; init; }

    public double? SpearmanFidelity { get; init; }

    public int SpearmanFidelityPairs { get; init; }

    public double? SpearmanEarlyMetric { get; init; }

    public int SpearmanEarlyMetricPairs { get; init; }
}
