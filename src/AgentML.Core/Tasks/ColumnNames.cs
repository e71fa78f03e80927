namespace AgentML.Core.Tasks;

/// <summary>
/// Matches column names spelled differently in different files: a target named "SalePrice" in the sample submission
/// and "Sale_Price" in train.csv, or per-class probability columns ("Class_1", "class_0", "prob_Adelie") and the class
/// labels they stand for ("1", "0", "Adelie").
/// </summary>
public static class ColumnNames
{
    /// <summary>Lower-case letters and digits only: "Sale_Price" and "sale price" are both "saleprice".</summary>
    public static string Plain(string name) =>
        new(name.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>The column of <paramref name="columns"/> that is <paramref name="name"/>: same name, else same ignoring case, else same plain name (when unique).</summary>
    public static string? Find(IEnumerable<string> columns, string name)
    {
        var list = columns as IReadOnlyList<string> ?? [.. columns];
        if (list.Contains(name))
        {
            return name;
        }

        var ignoringCase = list.Where(c => string.Equals(c.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (ignoringCase.Count == 1)
        {
            return ignoringCase[0];
        }

        var plain = Plain(name);
        var samePlain = plain.Length == 0 ? [] : list.Where(c => Plain(c) == plain).ToList();
        return samePlain.Count == 1 ? samePlain[0] : null;
    }

    /// <summary>
    /// The class label each per-class column stands for (null for a column with no such label): by name, ignoring
    /// case and punctuation, else after removing the prefix all columns share ("Class_", "prob_"). Null when two
    /// columns would stand for one label.
    /// </summary>
    public static IReadOnlyList<string?>? ClassOfColumns(IReadOnlyList<string> columns, IReadOnlyList<string> labels)
    {
        var byPlain = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            byPlain.TryAdd(Plain(label), label);
        }

        var direct = columns.Select(c => byPlain.GetValueOrDefault(Plain(c))).ToList();
        var prefix = SharedPrefix(columns);
        var stripped = prefix.Length == 0 ? direct : columns.Select(c => byPlain.GetValueOrDefault(Plain(c[prefix.Length..]))).ToList();
        var best = stripped.Count(l => l is not null) > direct.Count(l => l is not null) ? stripped : direct;
        var matched = best.Where(l => l is not null).ToList();
        return matched.Distinct(StringComparer.Ordinal).Count() == matched.Count ? best : null;
    }

    /// <summary>The prefix every column shares, cut back so that it ends before a letter or digit run ("Class_" of Class_1, Class_12).</summary>
    private static string SharedPrefix(IReadOnlyList<string> columns)
    {
        if (columns.Count < 2)
        {
            return "";
        }

        var length = columns.Min(c => c.Length);
        var prefix = 0;
        while (prefix < length && columns.All(c => char.ToLowerInvariant(c[prefix]) == char.ToLowerInvariant(columns[0][prefix])))
        {
            prefix++;
        }

        // Keep the prefix only up to a separator or a letter-to-digit step: "Class_" of "Class_1", "Class" of "Class1",
        // but not "A" of "Adelie, Atlantic" nor "1" of "Class_10, Class_11".
        while (prefix > 0 && !IsBoundary(columns[0], prefix))
        {
            prefix--;
        }

        return columns[0][..prefix];
    }

    private static bool IsBoundary(string name, int at) =>
        !char.IsLetterOrDigit(name[at - 1]) || (char.IsLetter(name[at - 1]) && at < name.Length && char.IsDigit(name[at]));
}
