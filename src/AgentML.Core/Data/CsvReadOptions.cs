namespace AgentML.Core.Data;

/// <summary>How <see cref="CsvTable.Read(TextReader, string, CsvReadOptions)"/> reads text whose layout the caller decided.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator (comma by default).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Names blank header cells column_&lt;n&gt; and repeated ones &lt;name&gt;_2, _3, ... instead of failing.</summary>
    public bool RenameBadHeaders { get; init; }

    /// <summary>Leaves out rows with more or fewer fields than the header (their lines go to <see cref="CsvTable.SkippedLines"/>) instead of failing.</summary>
    public bool SkipRaggedRows { get; init; }

    /// <summary>At most this many data rows (all when null).</summary>
    public int? MaxRows { get; init; }
}
