using System.Globalization;
using AgentML.Core.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>One column of a table as trimmed strings, with missing flags and parsed numbers.</summary>
public sealed class ColumnData
{
    private ColumnData(string name, string[] values, bool[] missing, double[] numbers, bool isNumeric)
    {
        Name = name;
        Values = values;
        Missing = missing;
        Numbers = numbers;
        IsNumeric = isNumeric;
    }

    public string Name { get; }

    /// <summary>Trimmed cell values; missing cells are "".</summary>
    public string[] Values { get; }

    public bool[] Missing { get; }

    /// <summary>Parsed numbers (NaN where missing or not numeric).</summary>
    public double[] Numbers { get; }

    /// <summary>True when (almost) every non-missing value parses as a number.</summary>
    public bool IsNumeric { get; }

    public int Count => Values.Length;

    public int PresentCount => Missing.Count(m => !m);

    /// <summary>Share of non-missing values that parse as a number for a column to count as numeric.</summary>
    public const double NumericShare = 0.98;

    public static ColumnData From(CsvTable table, int column, ForgeKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(knowledge);
        var n = table.Rows.Count;
        var values = new string[n];
        var missing = new bool[n];
        var numbers = new double[n];
        int present = 0, parsed = 0;
        for (var i = 0; i < n; i++)
        {
            var row = table.Rows[i];
            var raw = column < row.Length ? row[column].Trim() : "";
            missing[i] = knowledge.IsMissing(raw);
            values[i] = missing[i] ? "" : raw;
            numbers[i] = double.NaN;
            if (missing[i])
            {
                continue;
            }

            present++;
            if (TryParseNumber(raw, out var x))
            {
                numbers[i] = x;
                parsed++;
            }
        }

        var isNumeric = present > 0 && parsed >= NumericShare * present;
        if (!isNumeric)
        {
            Array.Fill(numbers, double.NaN);
        }
        else
        {
            // Values that do not parse in a numeric column count as missing.
            for (var i = 0; i < n; i++)
            {
                if (!missing[i] && double.IsNaN(numbers[i]))
                {
                    missing[i] = true;
                    values[i] = "";
                }
            }
        }

        return new ColumnData(table.Columns[column], values, missing, numbers, isNumeric);
    }

    public static IReadOnlyList<ColumnData> AllFrom(CsvTable table, ForgeKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Enumerable.Range(0, table.Columns.Count).Select(i => From(table, i, knowledge)).ToArray();
    }

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Distinct non-missing values with their counts, most frequent first (ties by value).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Values.Length; i++)
        {
            if (!Missing[i])
            {
                counts[Values[i]] = counts.GetValueOrDefault(Values[i]) + 1;
            }
        }

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Canonical text of a value: numbers in invariant round-trip form (so "1.0" and "1" agree), else the text.</summary>
    public string Key(int row)
    {
        if (!IsNumeric)
        {
            return Values[row];
        }

        // Formatting a double is the hot spot of the association screens: each numeric key is made once.
        _keys ??= new string?[Values.Length];
        return _keys[row] ??= Missing[row] ? Values[row] : Numbers[row].ToString("R", CultureInfo.InvariantCulture);
    }

    private string?[]? _keys;
}
