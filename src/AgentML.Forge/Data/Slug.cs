using System.Text;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>Names for task ids and titles.</summary>
public static class Slug
{
    /// <summary>Lower-case letters, digits and single dashes: "x.box" → "x-box", "Sale_Price" → "sale-price".</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "data" : slug;
    }

    /// <summary>A dataset name from a file: "acme__houses.csv.gz" → "houses".</summary>
    public static string DatasetName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        foreach (var ext in new[] { ".gz", ".csv", ".tsv", ".txt", ".parquet" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
            }
        }

        var parts = name.Split("__");
        return Of(parts[^1]);
    }

    /// <summary>"gss-cat" → "Gss cat".</summary>
    public static string Title(string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var words = slug.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Data" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}

/// <summary>Percentages as "25%" (no culture-specific space).</summary>
public static class Percent
{
    public static string Of(double share, int decimals = 0) =>
        (share * 100).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), System.Globalization.CultureInfo.InvariantCulture) + "%";
}
