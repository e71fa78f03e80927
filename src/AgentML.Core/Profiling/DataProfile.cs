namespace AgentML.Core.Profiling;

/// <summary>What a column holds, as inferred from its values.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
    Text,
    Datetime,
    IdLike,
    Constant,
}

/// <summary>Summary of a numeric column (non-missing values only).</summary>
public sealed record NumericSummary(double Min, double Max, double Mean, double Std, double Median, double Skewness, bool AllIntegers);

/// <summary>Profile of one column of a table.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required ColumnKind Kind { get; init; }

    /// <summary>Why this kind was chosen, in words.</summary>
    public string KindReason { get; init; } = "";

    /// <summary>Share of missing (empty or NA) values, 0..1.</summary>
    public double MissingShare { get; init; }

    /// <summary>Number of distinct non-missing values.</summary>
    public int Cardinality { get; init; }

    /// <summary>Mean length in characters of non-missing values.</summary>
    public double MeanLength { get; init; }

    public NumericSummary? Numeric { get; init; }

    /// <summary>Most frequent values with their counts (at most a few).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> TopValues { get; init; } = [];
}

/// <summary>Profile of a task's training table (and, where useful, its test table).</summary>
public sealed record DataProfile
{
    public required int TrainRows { get; init; }

    public int TestRows { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>Class counts of the train target (classification), label → count.</summary>
    public IReadOnlyDictionary<string, int> ClassCounts { get; init; } = new Dictionary<string, int>();

    public ColumnProfile? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
