using System.Globalization;

namespace AgentML.Bench.Running;

/// <summary>Bench ids: "bench-yyyyMMdd-HHmmss-xxxx" (UTC time and 4 random hex digits).</summary>
public static class BenchIds
{
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var suffix = Random.Shared.Next(0, 0x10000).ToString("x4", CultureInfo.InvariantCulture);
        return "bench-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + suffix;
    }

    /// <summary>Throws <see cref="UserFacingException"/> when <paramref name="id"/> cannot name a folder.</summary>
    public static string Validate(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal))
        {
            throw new UserFacingException($"Bench id '{id}' is not usable as a folder name; use letters, digits and dashes.");
        }

        return id;
    }
}
