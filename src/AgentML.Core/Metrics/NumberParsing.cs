using System.Globalization;

namespace AgentML.Core.Metrics;

/// <summary>Invariant parsing of numbers as pandas reads them ("1", "1.0", "1e-3", "-inf", "nan").</summary>
public static class NumberParsing
{
    private const NumberStyles Style = NumberStyles.Float;

    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, Style, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }

    public static double Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a number");

    /// <summary>Round-trip text of a double ("R" invariant).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
