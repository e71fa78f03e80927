namespace AgentML.Core.Grading;

/// <summary>The medal and median thresholds of a leaderboard, by MLE-bench's rules (Kaggle's medal table).</summary>
public sealed record MedalThresholds(double Gold, double Silver, double Bronze, double Median, bool IsLowerBetter)
{
    /// <summary>Thresholds for <paramref name="leaderboard"/>: pos(k) is the score at 1-based rank k, int() truncating.</summary>
    public static MedalThresholds From(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var n = leaderboard.Count;
        var (gold, silver, bronze) = Positions(n);
        return new MedalThresholds(leaderboard.At(gold), leaderboard.At(silver), leaderboard.At(bronze), leaderboard.Median, leaderboard.IsLowerBetter);
    }

    /// <summary>The 1-based positions of the gold, silver and bronze thresholds among <paramref name="n"/> teams.</summary>
    public static (int Gold, int Silver, int Bronze) Positions(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var pos = n switch
        {
            < 100 => (Max1(0.1 * n), Max1(0.2 * n), Max1(0.4 * n)),
            < 250 => (10, Max1(0.2 * n), Max1(0.4 * n)),
            < 1000 => (10 + (int)(0.002 * n), 50, 100),
            _ => (10 + (int)(0.002 * n), Max1(0.05 * n), Max1(0.1 * n)),
        };
        return (Math.Min(pos.Item1, n), Math.Min(pos.Item2, n), Math.Min(pos.Item3, n));
    }

    /// <summary>Medals for <paramref name="score"/>: inclusive thresholds, exclusive medals, strict median; none for a null score.</summary>
    public MedalResult Rank(double? score)
    {
        if (score is not { } s)
        {
            return MedalResult.None;
        }

        bool AtLeast(double threshold) => IsLowerBetter ? s <= threshold : s >= threshold;
        var gold = AtLeast(Gold);
        var silver = !gold && AtLeast(Silver);
        var bronze = !gold && !silver && AtLeast(Bronze);
        var aboveMedian = IsLowerBetter ? s < Median : s > Median;
        return new MedalResult(gold, silver, bronze, aboveMedian);
    }

    private static int Max1(double x) => Math.Max(1, (int)x);
}

/// <summary>The medals one score earns.</summary>
public sealed record MedalResult(bool Gold, bool Silver, bool Bronze, bool AboveMedian)
{
    public static MedalResult None { get; } = new(false, false, false, false);

    public bool AnyMedal => Gold || Silver || Bronze;
}
