using System.Text.RegularExpressions;

namespace AgentML.Agents.Llm.Roles;

/// <summary>Near-duplicate detection for plans: Jaccard similarity of their sets of content words.</summary>
public static partial class PlanSimilarity
{
    public static double Jaccard(string a, string b)
    {
        var x = Words(a);
        var y = Words(b);
        if (x.Count == 0 && y.Count == 0)
        {
            return 1;
        }

        var common = x.Count(y.Contains);
        return common / (double)(x.Count + y.Count - common);
    }

    /// <summary>True when <paramref name="plan"/> is at least <paramref name="threshold"/> similar to any of <paramref name="others"/>.</summary>
    public static bool IsNearDuplicate(string plan, IEnumerable<string> others, double threshold) =>
        others.Any(o => Jaccard(plan, o) >= threshold);

    private static HashSet<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("[a-z0-9_]+")]
    private static partial Regex Word();
}
