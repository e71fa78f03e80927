using System.Globalization;
using AgentML.Agents.Roles;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;

namespace AgentML.Agents.Builtin;

/// <summary>Facts about a task that the idea bank's conditions refer to, each with the sentence that explains it.</summary>
public sealed class Observations
{
    private readonly Dictionary<string, string> _facts;

    private Observations(Dictionary<string, string> facts) => _facts = facts;

    public IReadOnlyCollection<string> Ids => _facts.Keys;

    public IReadOnlyList<string> Sentences => _facts.Values.Distinct(StringComparer.Ordinal).ToArray();

    public bool Has(string id) => _facts.ContainsKey(id);

    /// <summary>True when every id in <paramref name="when"/> holds and none in <paramref name="unless"/> does.</summary>
    public bool Allows(IEnumerable<string> when, IEnumerable<string> unless) => when.All(Has) && !unless.Any(Has);

    public string? Explain(string id) => _facts.GetValueOrDefault(id);

    /// <summary>Size class used to pick model presets: tiny, small or large.</summary>
    public string SizeClass => Has("tiny") ? "tiny" : Has("small") ? "small" : "large";

    /// <summary>The observations that hold for the task, by the idea bank's <paramref name="thresholds"/>.</summary>
    public static Observations From(TaskContext context, ObservationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(thresholds);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var task = context.Task;
        var profile = context.Profile;
        var excluded = new HashSet<string>(task.TrainTargetColumns.Append(task.IdColumn), StringComparer.Ordinal);
        var features = profile.Columns.Where(c => !excluded.Contains(c.Name) && c.Kind is not (ColumnKind.Constant or ColumnKind.IdLike)).ToArray();
        AddTaskFacts(facts, task, profile, thresholds);
        AddSizeFacts(facts, profile.TrainRows, features.Length, thresholds);
        AddFeatureFacts(facts, features, profile.TrainRows, thresholds);
        AddTargetFacts(facts, task, profile, thresholds);
        AddMetricFacts(facts, task.Metric);
        if (context.Staged is { Folds: > 1 } staged)
        {
            facts["given-folds"] = $"The search fixes {staged.Folds} folds for every program: a recipe's own fold count and repeats do not apply.";
        }

        return new Observations(facts);
    }

    private static void AddTaskFacts(Dictionary<string, string> facts, TaskSpec task, DataProfile profile, ObservationThresholds thresholds)
    {
        if (task.TaskType == TaskType.Regression)
        {
            facts["regression"] = $"Regression of {string.Join(", ", task.TrainTargetColumns)}.";
            return;
        }

        if (task.TaskType == TaskType.MultiLabel)
        {
            // Each label is its own 0/1 problem: binary per label, fitted one after another.
            facts["classification"] = $"Multi-label classification: {task.TrainTargetColumns.Count} independent 0/1 labels ({string.Join(", ", task.TrainTargetColumns.Take(6))}).";
            facts["binary"] = facts["classification"];
            facts["multi-label"] = facts["classification"];
            return;
        }

        var classes = Math.Max(task.ClassLabels.Count, profile.ClassCounts.Count);
        facts["classification"] = $"Classification of {task.TrainTargetColumns[0]} into {classes} classes.";
        facts[task.TaskType == TaskType.Binary || classes == 2 ? "binary" : "multiclass"] = facts["classification"];
        if (classes > thresholds.ManyClasses)
        {
            facts["many-classes"] = $"Many classes ({classes}): models fit one score per class.";
        }

        if (profile.ClassCounts.Count > 1 && task.TaskType != TaskType.MultiLabel)
        {
            var total = (double)profile.ClassCounts.Values.Sum();
            var smallest = profile.ClassCounts.MinBy(kv => kv.Value);
            if (smallest.Value / total < thresholds.ImbalancedShare / Math.Max(1, classes / 2.0))
            {
                facts["imbalanced"] = $"Imbalanced classes: '{smallest.Key}' is only {smallest.Value / total:P1} of the rows.";
            }

            if (smallest.Value < thresholds.RareClassRows)
            {
                facts["rare-classes"] = $"Class '{smallest.Key}' has only {smallest.Value} rows: folds must stay stratified and few.";
            }
        }
    }

    private static void AddSizeFacts(Dictionary<string, string> facts, int rows, int featureCount, ObservationThresholds thresholds)
    {
        var size = rows.ToString("N0", CultureInfo.InvariantCulture);
        if (rows < thresholds.TinyRows)
        {
            facts["tiny"] = $"Tiny data ({size} rows): strong regularisation, many folds and averaging matter most.";
        }

        if (rows < thresholds.SmallRows)
        {
            facts["small"] = $"Small data ({size} rows): every model family fits in seconds, so blends are affordable.";
        }
        else
        {
            facts["large"] = $"Larger data ({size} rows): boosted trees with early stopping are the efficient choice.";
        }

        if (rows >= thresholds.HugeRows)
        {
            facts["huge"] = $"Big data ({size} rows): kernel and neighbour models are too slow.";
        }

        if (featureCount > thresholds.WideFeatures)
        {
            facts["wide"] = $"Wide data ({featureCount} feature columns).";
        }
    }

    private static void AddFeatureFacts(Dictionary<string, string> facts, ColumnProfile[] features, int rows, ObservationThresholds thresholds)
    {
        string Names(IEnumerable<ColumnProfile> columns) => string.Join(", ", columns.Take(6).Select(c => c.Name));
        var categorical = features.Where(c => c.Kind == ColumnKind.Categorical).ToArray();
        var text = features.Where(c => c.Kind == ColumnKind.Text).ToArray();
        var numeric = features.Where(c => c.Kind == ColumnKind.Numeric).ToArray();
        if (categorical.Length > 0)
        {
            facts["has-categorical"] = $"{categorical.Length} categorical columns ({Names(categorical)}).";
        }

        var high = categorical.Where(c => c.Cardinality > thresholds.HighCardinality).ToArray();
        if (high.Length > 0)
        {
            facts["high-cardinality"] = $"High-cardinality categoricals ({Names(high)}: up to {high.Max(c => c.Cardinality)} levels).";
        }

        var codes = numeric.Where(c => c.Numeric is { AllIntegers: true } && c.Cardinality >= thresholds.IntegerCodeLevels
            && c.Cardinality * thresholds.IntegerCodeRows <= rows * (1 - c.MissingShare)).ToArray();
        if (codes.Length > 0)
        {
            facts["integer-codes"] = $"Whole-number columns whose values recur ({Names(codes)}: up to {codes.Max(c => c.Cardinality)} values): "
                + "if they are ids or codes, their numbers carry no order, and a model may do better seeing them as categories.";
        }

        if (text.Length > 0)
        {
            facts["has-text"] = $"Free-text columns ({Names(text)}, mean length {text.Average(c => c.MeanLength):F0} characters).";
            if (text.Length == features.Length)
            {
                facts["text-only"] = "The text is the only input.";
            }

            if (text.Max(c => c.MeanLength) > thresholds.LongTextChars)
            {
                facts["has-long-text"] = string.Create(CultureInfo.InvariantCulture, $"Long documents (over {thresholds.LongTextChars:G} characters on average).");
            }
        }

        if (features.Any(c => c.Kind == ColumnKind.Datetime))
        {
            facts["has-datetime"] = $"Datetime columns ({Names(features.Where(c => c.Kind == ColumnKind.Datetime))}).";
        }

        var missing = features.Where(c => c.MissingShare > 0).ToArray();
        if (missing.Length > 0)
        {
            facts["has-missing"] = $"Missing values in {missing.Length} columns (most: {missing.MaxBy(c => c.MissingShare)!.Name}, {missing.Max(c => c.MissingShare):P0}).";
        }

        if (features.Length > 0 && numeric.Length == features.Length)
        {
            facts["all-numeric"] = $"All {numeric.Length} features are numeric.";
            if (numeric.Length <= thresholds.LowDimNumeric)
            {
                facts["low-dim-numeric"] = $"Few dense numeric features ({numeric.Length}): distance and kernel models are viable.";
            }
        }
    }

    private static void AddTargetFacts(Dictionary<string, string> facts, TaskSpec task, DataProfile profile, ObservationThresholds thresholds)
    {
        if (task.TaskType != TaskType.Regression)
        {
            return;
        }

        var summary = profile.Column(task.TrainTargetColumns[0])?.Numeric;
        if (summary is null)
        {
            return;
        }

        if (summary.Min >= 0)
        {
            facts["target-positive"] = $"The target is non-negative (min {summary.Min:G4}).";
            if (summary.Skewness > thresholds.SkewedTarget)
            {
                facts["target-skewed-positive"] = $"The target is right-skewed (skewness {summary.Skewness:F2}, median {summary.Median:G4}, max {summary.Max:G4}).";
            }
        }
    }

    private static void AddMetricFacts(Dictionary<string, string> facts, string metric)
    {
        var sentence = $"The metric is {metric}.";
        switch (metric.StartsWith("map@", StringComparison.OrdinalIgnoreCase) ? MetricNames.MapAtK : metric)
        {
            case MetricNames.Rmsle:
                facts["metric-rmsle"] = sentence;
                break;
            case MetricNames.Rmse:
                facts["metric-rmse"] = sentence;
                break;
            case MetricNames.LogLoss:
                facts["metric-log-loss"] = sentence + " Probabilities must be calibrated; confident mistakes are expensive.";
                break;
            case MetricNames.RocAuc:
                facts["metric-auc"] = sentence + " Only the ranking of probabilities matters.";
                break;
            case MetricNames.QuadraticWeightedKappa:
                facts["metric-kappa"] = sentence;
                facts["metric-labels"] = sentence;
                break;
            case MetricNames.F1 or MetricNames.BalancedAccuracy or MetricNames.F1Macro:
                facts["metric-threshold"] = sentence + " The decision threshold matters.";
                facts["metric-labels"] = sentence;
                break;
            case MetricNames.Accuracy or MetricNames.F1Micro or MetricNames.MapAtK:
                facts["metric-labels"] = sentence + " Predicted labels are scored: ensembles reduce variance.";
                break;
        }
    }
}
