namespace AgentML.Bench.Competitions;

/// <summary>One MLE-bench competition as the built-in registry describes it (paths relative to <c>prepared/</c>).</summary>
public sealed class RegistryEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>MLE-bench complexity: low, medium or high.</summary>
    public string Complexity { get; set; } = "";

    /// <summary>grader.name in MLE-bench's config.yaml.</summary>
    public string MlebenchGrader { get; set; } = "";

    public string Metric { get; set; } = "";

    public string TaskType { get; set; } = "";

    public string SubmissionFormat { get; set; } = "";

    public string IdColumn { get; set; } = "";

    public List<string> TargetColumns { get; set; } = [];

    /// <summary>The targets are the sample submission's columns after the id (many classes, e.g. leaf-classification).</summary>
    public bool TargetColumnsFromSampleSubmission { get; set; }

    public List<string> TrainTargetColumns { get; set; } = [];

    public string? PositiveLabel { get; set; }

    public string Train { get; set; } = "";

    public string Test { get; set; } = "";

    public string SampleSubmission { get; set; } = "";

    public string Answers { get; set; } = "";

    /// <summary>How MLE-bench's grade.py checks and pairs a submission; required for every entry.</summary>
    public GradingRules? Grading { get; set; }

    /// <summary>MLE-bench's data types of the competition (tabular, text, ...), for the record.</summary>
    public List<string> Data { get; set; } = [];
}

/// <summary>The registry file: competitions and named splits.</summary>
public sealed class RegistryFile
{
    public List<RegistryEntry> Competitions { get; set; } = [];

    public Dictionary<string, List<string>> Splits { get; set; } = [];
}
