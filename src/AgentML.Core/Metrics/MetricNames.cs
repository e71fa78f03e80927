namespace AgentML.Core.Metrics;

/// <summary>The metric names AgentML understands (competition.yaml `metric`, `--metric`).</summary>
public static class MetricNames
{
    public const string Accuracy = "accuracy";
    public const string BalancedAccuracy = "balanced_accuracy";
    public const string RocAuc = "roc_auc";
    public const string LogLoss = "log_loss";
    public const string F1 = "f1";
    public const string F1Macro = "f1_macro";
    public const string F1Micro = "f1_micro";
    public const string Rmse = "rmse";
    public const string Rmsle = "rmsle";
    public const string Mae = "mae";
    public const string R2 = "r2";
    public const string QuadraticWeightedKappa = "quadratic_weighted_kappa";
    public const string MapAtK = "map@k";
}
