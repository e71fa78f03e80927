namespace AgentML.Core.Runs;

/// <summary>How a node was made from its parents.</summary>
public enum NodeOperator
{
    /// <summary>A new program from a plan (no parent).</summary>
    Draft,

    /// <summary>One atomic change to a working parent.</summary>
    Improve,

    /// <summary>A repair of a failed parent.</summary>
    Debug,

    /// <summary>Two working parents combined.</summary>
    Merge,
}
