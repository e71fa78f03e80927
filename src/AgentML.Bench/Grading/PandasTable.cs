using AgentML.Core.Data;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>How pandas' read_csv types a column: numbers (float64/int64/bool) or text (object).</summary>
internal enum PandasKind
{
    Number,
    Text,
}

/// <summary>One column as pandas reads it: numbers (NaN for missing) or text (null for missing).</summary>
internal sealed class PandasColumn(string name, PandasKind kind, double[] numbers, string?[] texts)
{
    // pandas' default na_values (read_csv with keep_default_na=True).
    private static readonly HashSet<string> NaValues = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
        "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    public string Name => name;

    public PandasKind Kind => kind;

    /// <summary>The values of a number column (NaN where missing; booleans as 0 and 1, as NumPy compares them).</summary>
    public double[] Numbers => numbers;

    /// <summary>The values of a text column (null where missing).</summary>
    public string?[] Texts => texts;

    public int Length => Kind == PandasKind.Number ? Numbers.Length : Texts.Length;

    public static PandasColumn Of(string name, IReadOnlyList<string> cells)
    {
        var numbers = new double[cells.Count];
        var isNumber = true;
        var isBool = true;
        for (var i = 0; i < cells.Count && (isNumber || isBool); i++)
        {
            var cell = cells[i];
            if (NaValues.Contains(cell))
            {
                numbers[i] = double.NaN;
                isBool = false;
                continue;
            }

            if (isNumber && NumberParsing.TryParse(cell, out var v))
            {
                numbers[i] = v;
                isBool = false;
                continue;
            }

            isNumber = false;
            if (isBool && cell is "True" or "TRUE" or "true" or "False" or "FALSE" or "false")
            {
                numbers[i] = cell[0] is 'T' or 't' ? 1 : 0;
                continue;
            }

            isBool = false;
        }

        if (cells.Count > 0 && (isNumber || isBool))
        {
            return new PandasColumn(name, PandasKind.Number, numbers, []);
        }

        return new PandasColumn(name, PandasKind.Text, [], cells.Select(c => NaValues.Contains(c) ? null : c).ToArray());
    }

    /// <summary>The column reordered (rows[i] of the result is this column's row order[i]).</summary>
    public PandasColumn Take(IReadOnlyList<int> order) => Kind == PandasKind.Number
        ? new PandasColumn(Name, Kind, order.Select(i => Numbers[i]).ToArray(), [])
        : new PandasColumn(Name, Kind, [], order.Select(i => Texts[i]).ToArray());

    /// <summary>NumPy's element-wise ==: numbers numerically (NaN never equal), text ordinally, a number never equals text.</summary>
    public bool SameValue(int row, PandasColumn other, int otherRow)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind == PandasKind.Number
            ? Numbers[row] == other.Numbers[otherRow]
            : Texts[row] is { } a && other.Texts[otherRow] is { } b && string.Equals(a, b, StringComparison.Ordinal);
    }

    /// <summary>pandas' sort_values order (ascending, missing last); a stable sort, so equal values keep file order.</summary>
    public int[] SortOrder()
    {
        var order = Enumerable.Range(0, Length).ToArray();
        return Kind == PandasKind.Number
            ? order.OrderBy(i => double.IsNaN(Numbers[i]) ? 1 : 0).ThenBy(i => double.IsNaN(Numbers[i]) ? 0 : Numbers[i]).ToArray()
            : order.OrderBy(i => Texts[i] is null ? 1 : 0).ThenBy(i => Texts[i] ?? "", StringComparer.Ordinal).ToArray();
    }

    /// <summary>pandas' astype(str): numbers as Python prints them (an integer column as integers, else floats such as 1.0 or 1e-05), missing values as "nan".</summary>
    public PandasColumn AsText()
    {
        if (Kind == PandasKind.Text)
        {
            return new PandasColumn(Name, PandasKind.Text, [], Texts.Select(t => t ?? "nan").ToArray());
        }

        var integers = Numbers.All(v => double.IsFinite(v) && v == Math.Floor(v) && Math.Abs(v) < 1e18);
        return new PandasColumn(Name, PandasKind.Text, [], Numbers.Select(v => integers ? ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : PythonFloat(v)).ToArray());
    }

    // Python's repr of a float: shortest round trip, "1.0" for integers, "1e-05" / "1e+16" exponents, "nan", "inf".
    private static string PythonFloat(double v)
    {
        if (double.IsNaN(v))
        {
            return "nan";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        var abs = Math.Abs(v);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16))
        {
            var e = v.ToString("E16", System.Globalization.CultureInfo.InvariantCulture);
            var r = v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var mantissa = r.Contains('E', StringComparison.Ordinal) ? r.Split('E')[0] : NumberParsing.Format(v / Math.Pow(10, Math.Floor(Math.Log10(abs))));
            var exponent = int.Parse(e.Split('E')[1], System.Globalization.CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        var text = NumberParsing.Format(v);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>The text of row <paramref name="row"/> for messages.</summary>
    public string Show(int row) => Kind == PandasKind.Number ? NumberParsing.Format(Numbers[row]) : Texts[row] ?? "NaN";
}

/// <summary>A CSV file as pandas' read_csv gives it to MLE-bench's grade.py: typed columns, duplicate names mangled ("a", "a.1").</summary>
internal sealed class PandasTable
{
    private readonly Dictionary<string, PandasColumn> _byName;

    private PandasTable(IReadOnlyList<PandasColumn> columns, int rowCount)
    {
        Columns = columns;
        RowCount = rowCount;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<PandasColumn> Columns { get; }

    public IReadOnlyList<string> Names => Columns.Select(c => c.Name).ToArray();

    public int RowCount { get; }

    public PandasColumn? this[string name] => _byName.GetValueOrDefault(name);

    public static PandasTable Read(string path) => From(CsvTable.Read(path));

    public static PandasTable From(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = new List<PandasColumn>();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var name = table.Columns[c];
            if (seen.TryGetValue(name, out var count))
            {
                seen[name] = count + 1;
                name = $"{name}.{count}";
            }
            else
            {
                seen[name] = 1;
            }

            columns.Add(PandasColumn.Of(name, table.Column(c)));
        }

        return new PandasTable(columns, table.RowCount);
    }
}
