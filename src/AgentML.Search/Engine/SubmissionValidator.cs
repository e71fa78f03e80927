using AgentML.Core.Data;

namespace AgentML.Search.Engine;

/// <summary>
/// Checks a final submission against the task's sample submission (same columns, same ids, no empty value) and
/// returns it in the sample's column and row order.
/// </summary>
public static class SubmissionValidator
{
    /// <summary>The normalised table, or the reason the submission does not fit the sample.</summary>
    public static (CsvTable? Table, string? Error) Validate(string submissionPath, string samplePath, string idColumn)
    {
        CsvTable submission;
        try
        {
            submission = CsvTable.Read(submissionPath);
        }
        catch (UserFacingException ex)
        {
            return (null, "unreadable submission: " + ex.Message);
        }

        var sample = CsvTable.Read(samplePath);
        var missing = sample.Columns.Where(c => submission.ColumnIndex(c) < 0).ToList();
        var extra = submission.Columns.Where(c => sample.ColumnIndex(c) < 0).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            return (null, $"columns differ from the sample submission (missing: {Join(missing)}; extra: {Join(extra)})");
        }

        var idIndex = submission.ColumnIndex(idColumn);
        var sampleId = sample.ColumnIndex(idColumn);
        if (idIndex < 0 || sampleId < 0)
        {
            return (null, $"the id column '{idColumn}' is missing");
        }

        var byId = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in submission.Rows)
        {
            if (!byId.TryAdd(row[idIndex], row))
            {
                return (null, $"id {row[idIndex]} appears more than once");
            }
        }

        if (submission.Rows.Count != sample.Rows.Count)
        {
            return (null, $"{submission.Rows.Count} rows, the sample submission has {sample.Rows.Count}");
        }

        var map = sample.Columns.Select(c => submission.ColumnIndex(c)).ToArray();
        var rows = new List<string[]>(sample.Rows.Count);
        foreach (var sampleRow in sample.Rows)
        {
            if (!byId.TryGetValue(sampleRow[sampleId], out var row))
            {
                return (null, $"id {sampleRow[sampleId]} of the sample submission is missing");
            }

            var ordered = map.Select(i => row[i]).ToArray();
            if (ordered.Any(string.IsNullOrWhiteSpace))
            {
                return (null, $"id {sampleRow[sampleId]} has an empty value");
            }

            rows.Add(ordered);
        }

        return (new CsvTable(sample.Columns, rows), null);
    }

    private static string Join(List<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
