namespace AgentML.Core.Metrics;

/// <summary>The predictions (or answers) cannot be scored: a NaN, an unparsable number, a label the metric cannot use.</summary>
public sealed class InvalidPredictionException : Exception
{
    public InvalidPredictionException()
    {
    }

    public InvalidPredictionException(string message)
        : base(message)
    {
    }

    public InvalidPredictionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The metric is not defined for these answers (e.g. ROC AUC when only one class is present), as scikit-learn raises.</summary>
public sealed class MetricUndefinedException : Exception
{
    public MetricUndefinedException()
    {
    }

    public MetricUndefinedException(string message)
        : base(message)
    {
    }

    public MetricUndefinedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
