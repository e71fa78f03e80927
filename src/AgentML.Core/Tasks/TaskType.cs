namespace AgentML.Core.Tasks;

/// <summary>What kind of prediction a task asks for.</summary>
public enum TaskType
{
    Binary,
    Multiclass,
    MultiLabel,
    Regression,
}

/// <summary>How the submission encodes the prediction.</summary>
public enum SubmissionFormat
{
    /// <summary>One column with the predicted class label (e.g. "yes"/"no", "A".."Z").</summary>
    Label,

    /// <summary>One column with the probability of the positive class.</summary>
    Probability,

    /// <summary>One probability column per class (columns named after the classes).</summary>
    ClassProbabilities,

    /// <summary>One or more numeric value columns (regression).</summary>
    Value,

    /// <summary>Several independent 0/1 probability columns (multi-label).</summary>
    MultiLabelProbabilities,
}
