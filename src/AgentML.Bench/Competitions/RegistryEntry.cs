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

    /// <summary>The test table; empty when the test rows are the sample submission's ids (files in <see cref="RegistryFiles.TestFolder"/>, or other public tables keyed by them).</summary>
    public string Test { get; set; } = "";

    public string SampleSubmission { get; set; } = "";

    public string Answers { get; set; } = "";

    /// <summary>How MLE-bench's grade.py checks and pairs a submission; required for every entry.</summary>
    public GradingRules? Grading { get; set; }

    /// <summary>MLE-bench's data types of the competition (tabular, text, ...), for the record.</summary>
    public List<string> Data { get; set; } = [];

    /// <summary>The column naming the competition's image files and the folders prepare.py writes them to (image competitions).</summary>
    public RegistryFiles? Files { get; set; }

    /// <summary>Archives prepare.py leaves instead of folders (e.g. public/train.zip), each with the folder it is unpacked to when staged.</summary>
    public Dictionary<string, string> Unpack { get; set; } = [];
}

/// <summary>
/// Where an image competition's files are (the registry's <c>files:</c> block): the column of the train table and of the
/// sample submission whose values name them, what the values lack to be file names, and the folders prepare.py writes.
/// </summary>
public sealed class RegistryFiles
{
    /// <summary>What the files are: image (the default), audio, text or other (e.g. one sensor CSV per segment).</summary>
    public string Kind { get; set; } = "image";

    /// <summary>The column of the train table (and of the sample submission) whose values name the files.</summary>
    public string Column { get; set; } = "";

    /// <summary>What a value lacks to be a file name (".tif" when the values are ids), "" when the values are file names.</summary>
    public string Suffix { get; set; } = "";

    /// <summary>The folder of the train files, relative to prepared/ (e.g. public/train).</summary>
    public string TrainFolder { get; set; } = "";

    /// <summary>The folder of the test files, relative to prepared/ (e.g. public/test).</summary>
    public string TestFolder { get; set; } = "";

    /// <summary>
    /// When prepare.py writes no train table and the labels are in the train files' paths (train/&lt;species&gt;/&lt;file&gt;,
    /// train/cat.0.jpg): a regular expression matched against each path relative to <see cref="TrainFolder"/> ("/"
    /// separated); its named groups are the columns of the train table written to <see cref="RegistryEntry.Train"/> when staged.
    /// </summary>
    public string? TrainTableFromPaths { get; set; }
}

/// <summary>The registry file: competitions and named splits.</summary>
public sealed class RegistryFile
{
    public List<RegistryEntry> Competitions { get; set; } = [];

    public Dictionary<string, List<string>> Splits { get; set; } = [];
}
