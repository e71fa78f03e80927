using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentML.Sandbox.Output;

/// <summary>Parses <c>AGENTML_METRIC {"name": "...", "step": k, "value": v}</c> lines.</summary>
public static partial class MetricParser
{
    public const string Prefix = "AGENTML_METRIC";

    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    /// <summary>True when the raw line starts with the metric prefix (cheap check before decoding).</summary>
    public static bool HasPrefix(ReadOnlySpan<byte> line) => line.TrimStart((byte)' ').StartsWith(PrefixBytes);

    /// <summary>Parses one output line; false when it is not a well-formed metric line.</summary>
    public static bool TryParse(string line, TimeSpan elapsed, out MetricLine metric)
    {
        metric = null!;
        var text = line.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // Python's json.dumps writes NaN/Infinity bare; quote them so the JSON reader accepts them.
        var json = BareNonFinite().Replace(text[Prefix.Length..], "\"$1\"");
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("value", out var value) || !TryNumber(value, out var number))
            {
                return false;
            }

            var step = root.TryGetProperty("step", out var stepElement) && TryNumber(stepElement, out var s) && double.IsFinite(s) ? (int)s : 0;
            metric = new MetricLine(name.GetString()!, step, number, elapsed);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryNumber(JsonElement element, out double value)
    {
        value = double.NaN;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    [GeneratedRegex(@"(?<=[:\[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex BareNonFinite();
}
