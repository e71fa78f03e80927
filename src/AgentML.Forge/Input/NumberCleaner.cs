using System.Globalization;
using System.Text.RegularExpressions;
using AgentML.Core.Data;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Input;

/// <summary>
/// Turns columns of formatted numbers (currency signs; thousands separators: commas, or spaces and apostrophes as in
/// "3 800,5" and "1'234.50"; percent signs; accounting negatives; decimal commas in semicolon files) into plain numbers,
/// so that forge, the task files and the solvers all see numbers. A column is rewritten only when (almost) all its
/// present values read as numbers this way.
/// </summary>
public static partial class NumberCleaner
{
    /// <summary>Reads <paramref name="text"/> as a formatted number; <paramref name="decimalComma"/>: ',' is the decimal mark and '.' groups thousands.</summary>
    public static bool TryParse(string text, bool decimalComma, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = double.NaN;
        var s = text.Trim();
        var negative = s.Length > 2 && s[0] == '(' && s[^1] == ')';
        if (negative)
        {
            s = s[1..^1].Trim();
        }

        s = s.Trim(Currency).Trim();
        if (s.EndsWith('%'))
        {
            s = s[..^1].TrimEnd();
        }

        s = s.TrimStart(Currency).Trim();
        if (s.Length == 0)
        {
            return false;
        }

        if (SpaceGroupedNumber().IsMatch(s))
        {
            s = string.Concat(s.Where(ch => Array.IndexOf(SpaceGroups, ch) < 0)); // "3 800,5", "1'234.50" -> "3800,5", "1234.50"
        }

        if (decimalComma)
        {
            if (!DecimalCommaNumber().IsMatch(s))
            {
                return false;
            }

            s = s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (s.Contains(','))
        {
            if (!GroupedNumber().IsMatch(s))
            {
                return false;
            }

            s = s.Replace(",", "", StringComparison.Ordinal);
        }

        if (!ColumnData.TryParseNumber(s, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>The table with formatted-number columns rewritten as plain numbers, and one note per rewritten column.</summary>
    public static (CsvTable Table, IReadOnlyList<string> Notes) Clean(CsvTable table, ForgeKnowledge knowledge, char separator)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(knowledge);
        var notes = new List<string>();
        var rows = table.Rows;
        var copied = false;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var cleaned = CleanColumn(table, c, knowledge, separator == ';');
            if (cleaned is null)
            {
                continue;
            }

            if (!copied)
            {
                rows = table.Rows.Select(r => (string[])r.Clone()).ToArray();
                copied = true;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                rows[r][c] = cleaned.Value.Values[r];
            }

            notes.Add($"column '{table.Columns[c]}' read as numbers ({cleaned.Value.What})");
        }

        return copied ? (new CsvTable(table.Columns, rows) { SourcePath = table.SourcePath, RowLines = table.RowLines }, notes) : (table, notes);
    }

    private static (string[] Values, string What)? CleanColumn(CsvTable table, int column, ForgeKnowledge knowledge, bool decimalComma)
    {
        var values = new string[table.Rows.Count];
        int present = 0, strict = 0, lenient = 0;
        var marks = new SortedSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < values.Length; r++)
        {
            var raw = table.Rows[r][column].Trim();
            values[r] = "";
            if (knowledge.IsMissing(raw))
            {
                continue;
            }

            present++;
            if (ColumnData.TryParseNumber(raw, out _) && !(decimalComma && raw.Contains('.')))
            {
                strict++;
                values[r] = raw;
            }
            else if (TryParse(raw, decimalComma, out var x))
            {
                lenient++;
                values[r] = x.ToString("R", CultureInfo.InvariantCulture);
                Mark(raw, decimalComma, marks);
            }
        }

        var parsed = strict + lenient;
        return lenient == 0 || present == 0 || parsed < ColumnData.NumericShare * present ? null : (values, string.Join(", ", marks) + (decimalComma ? " read" : " removed"));
    }

    private static void Mark(string raw, bool decimalComma, SortedSet<string> marks)
    {
        if (raw.IndexOfAny(Currency) >= 0)
        {
            marks.Add("currency signs");
        }

        if (raw.Contains('%'))
        {
            marks.Add("percent signs");
        }

        if (raw.StartsWith('('))
        {
            marks.Add("accounting parentheses");
        }

        if (raw.Contains(','))
        {
            marks.Add(decimalComma ? "decimal commas" : "thousands separators");
        }

        if ((decimalComma && raw.Contains('.')) || raw.IndexOfAny(SpaceGroups) >= 0)
        {
            marks.Add("thousands separators");
        }
    }

    private static readonly char[] Currency = ['$', '€', '£', '¥', '₹', '₽', '¢'];

    /// <summary>Thousands separators of French, Nordic, ISO and Swiss formats: space, no-break spaces, thin space, apostrophes.</summary>
    private static readonly char[] SpaceGroups = [' ', '\u00A0', '\u202F', '\u2009', '\'', '\u2019'];

    [GeneratedRegex(@"^[+-]?\d{1,3}([ \u00A0\u202F\u2009'\u2019]\d{3})+([.,]\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceGroupedNumber();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();

    [GeneratedRegex(@"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalCommaNumber();
}
