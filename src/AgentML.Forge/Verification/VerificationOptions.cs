using AgentML.Forge.Data;
using AgentML.Forge.Roles;

namespace AgentML.Forge.Verification;

/// <summary>Thresholds of the forge verifiers.</summary>
public sealed record VerificationOptions
{
    public int MinTrainRows { get; init; } = 100;

    public int MinTestRows { get; init; } = 30;

    /// <summary>A task posed for known groups needs at least this share of test rows in groups that have rows in train.</summary>
    public double MinKnownGroupShare { get; init; } = 0.8;

    /// <summary>Every class needs this many train rows.</summary>
    public int MinClassTrainRows { get; init; } = 10;

    /// <summary>Every class needs this many test rows.</summary>
    public int MinClassTestRows { get; init; } = 3;

    /// <summary>The smallest class must hold at least this share of train rows.</summary>
    public double MinMinorityShare { get; init; } = 0.01;

    /// <summary>A single feature predicting a class target this well (normalised accuracy on held-out rows) is a leak.</summary>
    public double LeakClassPredictability { get; init; } = 0.95;

    /// <summary>A numeric feature separating a two-class target this cleanly (2·|AUC − 0.5|; 0.99 is AUC 0.995) is a leak.</summary>
    public double LeakSeparation { get; init; } = 0.99;

    /// <summary>A single feature predicting a numeric target this well (held-out R²) is a leak.</summary>
    public double LeakValuePredictability { get; init; } = 0.97;

    /// <summary>A numeric feature correlated this strongly with a numeric target is a noised copy.</summary>
    public double LeakCorrelation { get; init; } = 0.99;

    /// <summary>The baseline must close at least this share of the gap between the dummy and a perfect score.</summary>
    public double MinGain { get; init; } = 0.1;

    /// <summary>Bounded scores (AUC, accuracy, F1, kappa, R²): a baseline gain above this is near-perfect.</summary>
    public double NearPerfectScoreGain { get; init; } = 0.998;

    /// <summary>Errors (RMSE, MAE, RMSLE, log loss): a baseline error below (1 - this) of the dummy's is near-perfect.</summary>
    public double NearPerfectErrorGain { get; init; } = 0.98;

    /// <summary>Wall-clock limit of the baseline program.</summary>
    public TimeSpan BaselineTimeLimit { get; init; } = TimeSpan.FromMinutes(10);
}
