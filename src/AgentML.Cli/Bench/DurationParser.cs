using System.Globalization;

namespace AgentML.Cli.Bench;

/// <summary>Parses durations like 90s, 2m, 1.5h, 01:30:00 or a bare number of seconds.</summary>
internal static class DurationParser
{
    public static TimeSpan Parse(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && t.Contains(':', StringComparison.Ordinal))
        {
            return Positive(span, text, option);
        }

        var (number, unit) = t.Length > 0 && char.IsLetter(t[^1]) ? (t[..^1], t[^1]) : (t, 's');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new UserFacingException($"{option} '{text}' is not a duration; expected e.g. 90s, 2m, 1h.");
        }

        var result = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => throw new UserFacingException($"{option} '{text}': unknown unit '{unit}'; use s, m or h."),
        };
        return Positive(result, text, option);
    }

    private static TimeSpan Positive(TimeSpan value, string text, string option) =>
        value > TimeSpan.Zero ? value : throw new UserFacingException($"{option} '{text}' must be positive.");
}
