using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Store.Runs;

namespace AgentML.Search.Tests.Reports;

/// <summary>
/// A finished run as the store holds it, shaped like a real one: drafts (one buggy and debugged), improves, a merge,
/// twelve improves that repeat their parent's score, a pruned and a timed-out node; log loss from 0.04 to 0.0007.
/// </summary>
internal static class SampleRun
{
    public const string BestId = "n008";
    public const string RepeatParent = "n008";
    public const int Repeats = 12;

    public static (RunRecord Run, List<NodeRecord> Nodes, List<ExecutionRecord> Executions) Create()
    {
        var start = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var run = new RunRecord
        {
            Id = "species-demo-20260101-120000-ab12",
            TaskId = "species-demo",
            TaskName = "Species (demo)",
            TaskFolder = "/data/species-demo",
            Metric = "log_loss",
            HigherIsBetter = false,
            Status = RunStatus.Finished,
            CreatedAt = start,
            FinishedAt = start.AddMinutes(3),
            SettingsJson = """{"TimeBudget":"00:03:00","Seed":0,"Policy":"staged"}""",
            SplitJson = """{"seed":0,"rows":275}""",
            OutputDirectory = "/tmp/runs/species-demo-20260101-120000-ab12",
            ElapsedSeconds = 176,
            Sessions = 1,
            BestNodeId = BestId,
            BestScore = 0.000700557,
            FinalNodeId = BestId,
            SubmissionPath = "/tmp/runs/species-demo-20260101-120000-ab12/submission.csv",
            TestScore = 0.0147967,
            ComputeSpentSeconds = 151,
            ComputeSavedSeconds = 12,
            FullFidelityRuns = 21,
            NotPromoted = 1,
            SpearmanEarlyMetric = 0.93,
            SpearmanEarlyMetricPairs = 17,
            Message = "submission from n008 (dev score 0.000700557)",
        };
        var nodes = new List<NodeRecord>();
        var executions = new List<ExecutionRecord>();
        var clock = 8.0;
        void Add(NodeOperator op, string[] parents, NodeStatus status, double? score, string model, double seconds, string? error = null)
        {
            var number = nodes.Count + 1;
            var id = "n" + number.ToString("000", CultureInfo.InvariantCulture);
            clock += seconds + 1;
            var node = new NodeRecord
            {
                Id = id,
                RunId = run.Id,
                Number = number,
                ParentIds = [.. parents],
                Operator = op,
                Status = status,
                Score = score,
                Error = error,
                Plan = Plan(op.ToText(), model, parents),
                Code = Code(model, number),
                Agent = "builtin",
                Model = "builtin",
                CreatedAt = start.AddSeconds(clock - seconds),
                FinishedAt = start.AddSeconds(clock),
                FinishedAtRunSeconds = clock,
            };
            nodes.Add(node);
            var reason = status == NodeStatus.Ok ? ExecutionReason.Ok : error?.StartsWith("timeout", StringComparison.Ordinal) == true ? ExecutionReason.Timeout : status == NodeStatus.Pruned ? ExecutionReason.StoppedEarly : ExecutionReason.Error;
            executions.Add(new ExecutionRecord
            {
                RunId = run.Id,
                NodeId = id,
                TaskId = run.TaskId,
                Metric = run.Metric,
                Fidelity = Fidelity.Full,
                StartedAt = node.CreatedAt,
                FinishedAt = node.FinishedAt,
                ExitCode = reason == ExecutionReason.Ok ? 0 : 1,
                Reason = reason,
                DurationSeconds = seconds,
                PeakMemoryBytes = 96L * 1024 * 1024 + (number * 1024 * 1024),
                Score = score,
                Error = error,
                EarlyMetrics = score is { } s
                    ? [.. Enumerable.Range(1, 5).Select(k => new MetricPoint { Name = "cv_log_loss", Step = k, Value = s * (0.8 + (0.1 * k)) })]
                    : [],
                Output = string.Join('\n', Enumerable.Range(1, 5).Select(k => $"AGENTML_METRIC {{\"name\": \"cv_log_loss\", \"step\": {k}, \"value\": {(score ?? 1) * (0.8 + (0.1 * k)):G6}}}"))
                    + (error is null ? "\nwrote submission/submission.csv" : "\nTraceback (most recent call last):\n  File \"solution.py\", line 42\n" + error),
            });
        }

        Add(NodeOperator.Draft, [], NodeStatus.Ok, 0.0412, "extra_trees", 17);
        Add(NodeOperator.Draft, [], NodeStatus.Ok, 0.00214904, "logistic", 10);
        Add(NodeOperator.Draft, [], NodeStatus.Buggy, null, "xgboost", 6, "ValueError: could not convert string to float: 'Dream'");
        Add(NodeOperator.Draft, [], NodeStatus.Ok, 0.00928634, "hist_gb", 40);
        Add(NodeOperator.Debug, ["n003"], NodeStatus.Ok, 0.0279177, "xgboost", 36);
        Add(NodeOperator.Improve, ["n002"], NodeStatus.Ok, 0.00131354, "logistic_c", 9);
        Add(NodeOperator.Merge, ["n006", "n001"], NodeStatus.Ok, 0.00118, "blend", 18);
        Add(NodeOperator.Improve, ["n007"], NodeStatus.Ok, 0.000700557, "blend_tuned", 14);
        for (var i = 0; i < Repeats; i++)
        {
            Add(NodeOperator.Improve, [RepeatParent], NodeStatus.Ok, 0.000700557, "blend_tuned", 3);
        }

        Add(NodeOperator.Improve, ["n004"], NodeStatus.Pruned, null, "hist_gb_deep", 5, "stopped: its fold scores could not catch up with the best");
        Add(NodeOperator.Improve, [BestId], NodeStatus.Buggy, null, "blend_stacked", 30, "timeout after 30 s");
        executions.Add(new ExecutionRecord
        {
            RunId = run.Id,
            NodeId = BestId,
            TaskId = run.TaskId,
            Metric = run.Metric,
            Fidelity = Fidelity.Final,
            Reason = ExecutionReason.Ok,
            DurationSeconds = 20,
            Output = "final run",
        });
        return (run, nodes, executions);
    }

    /// <summary>A line that appears in <paramref name="nodeId"/>'s code only (to find it on the page).</summary>
    public static string CodeMarker(string nodeId) => $"model = make_model(seed={int.Parse(nodeId[1..], CultureInfo.InvariantCulture)})";

    private static string Plan(string op, string model, string[] parents) => string.Join('\n',
    [
        op == "draft" ? $"Draft: {model} on one-hot categories and scaled numbers." : $"{char.ToUpperInvariant(op[0])}{op[1..]} of {string.Join(" and ", parents)}: switch to {model}.",
        "Observations:",
        "- Classification of species into 3 classes.",
        "- 275 training rows, 6 features (2 categorical).",
        "Steps:",
        "1. Impute missing numbers with the median; one-hot the categories.",
        $"2. Fit {model} in 5 stratified folds.",
        "3. Average the fold models' test predictions.",
    ]);

    private static string Code(string model, int number) => string.Join('\n',
    [
        "import pandas as pd",
        "from sklearn.model_selection import StratifiedKFold",
        "",
        "train = pd.read_csv('input/train.csv')",
        "test = pd.read_csv('input/test.csv')",
        $"MODEL = '{model}'",
        "def make_model(seed):",
        "    return build(MODEL, seed)",
        CodeMarker("n" + number.ToString("000", CultureInfo.InvariantCulture)),
        "for fold, (a, b) in enumerate(StratifiedKFold(5).split(train, train.species)):",
        "    model.fit(train.iloc[a], train.species.iloc[a])",
        "pd.DataFrame(model.predict_proba(test)).to_csv('submission/submission.csv')",
    ]);
}
