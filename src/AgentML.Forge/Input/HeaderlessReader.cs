namespace AgentML.Forge.Input;

/// <summary>
/// Spots a file without a header line (most first-line cells are numbers, and so are the cells below them) and reads it
/// under a generated header (column_1, column_2, ...), the first line becoming the first data row.
/// </summary>
public static class HeaderlessReader
{
    /// <summary>True when the first record of <paramref name="sample"/> looks like data rather than column names.</summary>
    public static bool LooksHeaderless(string sample, char separator)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var records = Split(sample, separator).Take(2).ToArray();
        if (records.Length < 2 || records[0].Length < 2 || records[0].Length != records[1].Length)
        {
            return false;
        }

        var first = records[0];
        var second = records[1];
        var numeric = Enumerable.Range(0, first.Length).Where(c => IsNumber(first[c])).ToArray();
        return numeric.Length * 2 >= first.Length && numeric.All(c => IsNumber(second[c]));
    }

    /// <summary>column_1 ... column_<paramref name="count"/> as a header line.</summary>
    public static string Header(int count, char separator) =>
        string.Join(separator, Enumerable.Range(1, count).Select(i => $"column_{i}")) + "\n";

    /// <summary>The number of fields of the first record.</summary>
    public static int FieldCount(string sample, char separator) => Split(sample, separator).FirstOrDefault()?.Length ?? 0;

    private static bool IsNumber(string cell) => NumberCleaner.TryParse(cell.Trim().Trim('"'), decimalComma: false, out _);

    private static IEnumerable<string[]> Split(string text, char separator)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == separator && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n' && !quoted)
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }
    }
}
