namespace AgentML.Core.Data;

/// <summary>
/// A CSV file held in memory as strings: header and rows. Reading tolerates quoted multi-line fields and reports
/// malformed input with file, line and column. Writing quotes fields that need it.
/// </summary>
public sealed class CsvTable
{
    public CsvTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Index of a column by exact name, or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads a whole CSV file (comma separated; TSV by extension). Throws <see cref="UserFacingException"/> naming file, line and column on malformed input.</summary>
    public static CsvTable Read(string path) => throw new NotImplementedException("issue 2");

    /// <summary>Writes the table as CSV (to a temp file first, then moved into place).</summary>
    public void Write(string path) => throw new NotImplementedException("issue 2");
}
