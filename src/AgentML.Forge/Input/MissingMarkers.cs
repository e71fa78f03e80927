using AgentML.Core.Data;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Input;

/// <summary>Blanks the cells that hold a missing-value marker (NA, n/a, ?, -, ...: knowledge.yaml), so every later step agrees on what is missing.</summary>
public static class MissingMarkers
{
    public static (CsvTable Table, IReadOnlyList<string> Notes) Blank(CsvTable table, ForgeKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(knowledge);
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c].Length > 0 && knowledge.IsMissing(row[c]))
                {
                    var marker = row[c].Trim();
                    found[marker] = found.GetValueOrDefault(marker) + 1;
                }
            }
        }

        if (found.Count == 0)
        {
            return (table, []);
        }

        var rows = table.Rows.Select(r => r.Select(v => v.Length > 0 && knowledge.IsMissing(v) ? "" : v).ToArray()).ToArray();
        var note = "missing-value markers read as missing: " + string.Join(", ", found.Select(kv => $"'{kv.Key}' ({kv.Value} cells)"));
        return (new CsvTable(table.Columns, rows) { SourcePath = table.SourcePath, RowLines = table.RowLines }, [note]);
    }
}
