using System.Globalization;
using AgentML.Core.Data;

namespace AgentML.Forge.Input;

/// <summary>
/// Rewrites date columns written in one regional format (31.12.2020, 31/12/2020, 12/31/2020 14:05, 2020/12/31, ...)
/// as ISO 8601 (2020-12-31, 2020-12-31T14:05:00), so that profiling, time splits and solvers read them as dates.
/// A column is rewritten only when (almost) all its present values parse with one format.
/// </summary>
public static class DateCleaner
{
    /// <summary>Formats tried in order; day-first before month-first only where a value settles it (a first field over 12).</summary>
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "dd.MM.yyyy", "d.M.yyyy", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yyyy", "d/M/yyyy",
        "dd-MM-yyyy", "d-M-yyyy", "dd-MMM-yyyy", "d MMM yyyy", "MMM d, yyyy", "d MMMM yyyy", "MMMM d, yyyy",
    ];

    private static readonly string[] TimeSuffixes = ["", " HH:mm", " HH:mm:ss", "THH:mm:ss", " H:mm", " HH:mm:ss.fff"];

    private const double Share = 0.98;

    public static (CsvTable Table, IReadOnlyList<string> Notes) Clean(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var notes = new List<string>();
        string[][]? rows = null;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var format = FormatOf(table, c);
            if (format is null || format == "yyyy-MM-dd")
            {
                continue;
            }

            rows ??= table.Rows.Select(r => (string[])r.Clone()).ToArray();
            var hasTime = format.Contains('H', StringComparison.Ordinal);
            foreach (var row in rows)
            {
                var raw = row[c].Trim();
                row[c] = raw.Length == 0 ? "" : DateTime.TryParseExact(raw, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d)
                    ? d.ToString(hasTime ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : "";
            }

            notes.Add($"column '{table.Columns[c]}' read as dates in the format {format} (rewritten as ISO 8601)");
        }

        return rows is null ? (table, notes) : (new CsvTable(table.Columns, rows) { SourcePath = table.SourcePath, RowLines = table.RowLines }, notes);
    }

    /// <summary>The one format that parses (almost) every present value of the column, or null.</summary>
    private static string? FormatOf(CsvTable table, int column)
    {
        var sample = table.Rows.Select(r => r[column].Trim()).Where(v => v.Length > 0).Take(2000).ToArray();
        if (sample.Length < 5 || !sample.All(v => v.Length is >= 6 and <= 30 && char.IsAsciiLetterOrDigit(v[0])) || sample.All(v => double.TryParse(v, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        foreach (var date in DateFormats)
        {
            foreach (var time in TimeSuffixes)
            {
                var format = date + time;
                var parsed = sample.Count(v => DateTime.TryParseExact(v, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _));
                if (parsed >= Share * sample.Length && AllParse(table, column, format))
                {
                    return format;
                }
            }
        }

        return null;
    }

    private static bool AllParse(CsvTable table, int column, string format)
    {
        var rows = table.Rows.Select(r => r[column].Trim()).Where(v => v.Length > 0).ToArray();
        return rows.Count(v => DateTime.TryParseExact(v, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)) >= Share * rows.Length;
    }
}
