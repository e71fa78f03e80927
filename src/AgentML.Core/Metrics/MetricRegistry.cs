using System.Globalization;

namespace AgentML.Core.Metrics;

/// <summary>Looks metrics up by name (with common aliases: "auc", "logloss", "qwk", "map@5", ...).</summary>
public static class MetricRegistry
{
    private static readonly Dictionary<string, Func<IMetric>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [MetricNames.Accuracy] = () => new LabelMetric(MetricNames.Accuracy, (t, p, _) => ClassificationMetrics.Accuracy(t, p)),
        [MetricNames.BalancedAccuracy] = () => new LabelMetric(MetricNames.BalancedAccuracy, (t, p, _) => ClassificationMetrics.BalancedAccuracy(t, p)),
        [MetricNames.F1] = () => new LabelMetric(MetricNames.F1, (t, p, positive) => ClassificationMetrics.F1Binary(t, p, positive)),
        [MetricNames.F1Macro] = () => new LabelMetric(MetricNames.F1Macro, (t, p, _) => ClassificationMetrics.F1Macro(t, p)),
        [MetricNames.F1Micro] = () => new LabelMetric(MetricNames.F1Micro, (t, p, _) => ClassificationMetrics.F1Micro(t, p)),
        [MetricNames.QuadraticWeightedKappa] = () =>
            new LabelMetric(MetricNames.QuadraticWeightedKappa, (t, p, _) => ClassificationMetrics.QuadraticWeightedKappa(t, p)),
        [MetricNames.RocAuc] = () => new RocAucMetric(),
        [MetricNames.LogLoss] = () => new LogLossMetric(),
        [MetricNames.Rmse] = () => new ValueMetric(MetricNames.Rmse, higherIsBetter: false, (t, p) => RegressionMetrics.Rmse(t, p)),
        [MetricNames.Rmsle] = () => new ValueMetric(MetricNames.Rmsle, higherIsBetter: false, (t, p) => RegressionMetrics.Rmsle(t, p)),
        [MetricNames.Mae] = () => new ValueMetric(MetricNames.Mae, higherIsBetter: false, (t, p) => RegressionMetrics.Mae(t, p)),
        [MetricNames.R2] = () => new ValueMetric(MetricNames.R2, higherIsBetter: true, (t, p) => RegressionMetrics.R2(t, p)),
        [MetricNames.MapAtK] = () => new MapAtKMetric(null),
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acc"] = MetricNames.Accuracy,
        ["balanced-accuracy"] = MetricNames.BalancedAccuracy,
        ["auc"] = MetricNames.RocAuc,
        ["roc-auc"] = MetricNames.RocAuc,
        ["rocauc"] = MetricNames.RocAuc,
        ["auroc"] = MetricNames.RocAuc,
        ["roc_auc_score"] = MetricNames.RocAuc,
        ["logloss"] = MetricNames.LogLoss,
        ["log-loss"] = MetricNames.LogLoss,
        ["mlogloss"] = MetricNames.LogLoss,
        ["cross_entropy"] = MetricNames.LogLoss,
        ["f1_score"] = MetricNames.F1,
        ["macro_f1"] = MetricNames.F1Macro,
        ["f1-macro"] = MetricNames.F1Macro,
        ["micro_f1"] = MetricNames.F1Micro,
        ["f1-micro"] = MetricNames.F1Micro,
        ["root_mean_squared_error"] = MetricNames.Rmse,
        ["root_mean_squared_log_error"] = MetricNames.Rmsle,
        ["mean_absolute_error"] = MetricNames.Mae,
        ["r2_score"] = MetricNames.R2,
        ["qwk"] = MetricNames.QuadraticWeightedKappa,
        ["kappa"] = MetricNames.QuadraticWeightedKappa,
        ["cohen_kappa"] = MetricNames.QuadraticWeightedKappa,
        ["mapk"] = MetricNames.MapAtK,
    };

    /// <summary>The canonical metric names (map@k accepts a number: "map@5").</summary>
    public static IReadOnlyList<string> Names => [.. Factories.Keys];

    /// <summary>The metric named <paramref name="name"/>; throws <see cref="UserFacingException"/> listing the known names otherwise.</summary>
    public static IMetric Get(string name) =>
        TryGet(name, out var metric)
            ? metric!
            : throw new UserFacingException($"Unknown metric '{name}'. Known metrics: {string.Join(", ", Names)} (map@k takes a number, e.g. map@5).");

    public static bool TryGet(string name, out IMetric? metric)
    {
        metric = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var key = name.Trim();
        key = Aliases.GetValueOrDefault(key, key);
        if (Factories.TryGetValue(key, out var factory))
        {
            metric = factory();
            return true;
        }

        if ((key.StartsWith("map@", StringComparison.OrdinalIgnoreCase) || key.StartsWith("mapk@", StringComparison.OrdinalIgnoreCase))
            && int.TryParse(key[(key.IndexOf('@', StringComparison.Ordinal) + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
        {
            metric = new MapAtKMetric(k);
            return true;
        }

        return false;
    }

    /// <summary>Log loss with an explicit clipping epsilon (scikit-learn before 1.2 and many Kaggle graders used 1e-15).</summary>
    public static IMetric LogLoss(double epsilon) => new LogLossMetric(epsilon);

    /// <summary>The canonical name for <paramref name="name"/> (alias resolved), or null when unknown.</summary>
    public static string? Canonical(string name) => TryGet(name, out var metric) ? metric!.Name : null;
}
