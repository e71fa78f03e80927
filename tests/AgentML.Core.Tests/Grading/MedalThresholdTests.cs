using AgentML.Core.Grading;

namespace AgentML.Core.Tests.Grading;

public sealed class MedalThresholdTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(99, 9, 19, 39)]
    [InlineData(100, 10, 20, 40)]
    [InlineData(249, 10, 49, 99)]
    [InlineData(250, 10, 50, 100)]
    [InlineData(999, 11, 50, 100)]
    [InlineData(1000, 12, 50, 100)]
    [InlineData(5000, 20, 250, 500)]
    public void Positions_follow_the_medal_table(int n, int gold, int silver, int bronze) =>
        Assert.Equal((gold, silver, bronze), MedalThresholds.Positions(n));

    [Fact]
    public void Empty_leaderboard_is_an_error() =>
        Assert.Throws<UserFacingException>(() => new Leaderboard([]));

    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(249)]
    [InlineData(250)]
    [InlineData(999)]
    [InlineData(1000)]
    public void Higher_is_better_leaderboard_gives_inclusive_exclusive_medals(int n)
    {
        // Scores n, n-1, ..., 1: position k holds n - k + 1.
        var board = new Leaderboard(Enumerable.Range(0, n).Select(i => (double)(n - i)));
        var t = board.Thresholds();
        var (g, s, b) = MedalThresholds.Positions(n);

        Assert.False(t.IsLowerBetter && n > 1);
        Assert.Equal(n - g + 1, t.Gold);
        Assert.Equal(n - s + 1, t.Silver);
        Assert.Equal(n - b + 1, t.Bronze);
        Assert.Equal((n + 1) / 2.0, t.Median);

        var atGold = t.Rank(t.Gold);
        Assert.True(atGold.Gold);
        Assert.False(atGold.Silver || atGold.Bronze);
        if (s != g)
        {
            var belowGold = t.Rank(t.Gold - 0.5);
            Assert.False(belowGold.Gold);
            Assert.True(belowGold.Silver);
        }

        if (b != s)
        {
            var atBronze = t.Rank(t.Bronze);
            Assert.True(atBronze.Bronze);
            Assert.False(atBronze.Gold || atBronze.Silver);
        }

        var none = t.Rank(t.Bronze - 0.5);
        Assert.False(none.AnyMedal);
        Assert.False(t.Rank(t.Median).AboveMedian);
        Assert.True(t.Rank(t.Median + 0.25).AboveMedian);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(249)]
    [InlineData(250)]
    [InlineData(999)]
    [InlineData(1000)]
    public void Lower_is_better_is_detected_and_ranks_downwards(int n)
    {
        // Scores 0.1, 0.2, ...: lower is better, position k holds k / 10.
        var board = new Leaderboard(Enumerable.Range(1, n).Select(i => i / 10.0));
        var t = board.Thresholds();
        var (g, s, b) = MedalThresholds.Positions(n);

        Assert.True(board.IsLowerBetter);
        Assert.True(t.IsLowerBetter);
        Assert.Equal(g / 10.0, t.Gold);
        Assert.Equal(s / 10.0, t.Silver);
        Assert.Equal(b / 10.0, t.Bronze);

        Assert.True(t.Rank(0).Gold);
        Assert.True(t.Rank(t.Gold).Gold);
        Assert.False(t.Rank(t.Gold + 0.05).Gold);
        Assert.False(t.Rank(t.Bronze + 0.05).AnyMedal);
        Assert.True(t.Rank(t.Median - 0.01).AboveMedian);
        Assert.False(t.Rank(t.Median).AboveMedian);
    }

    [Fact]
    public void Ties_between_first_and_last_mean_higher_is_better()
    {
        var flat = new Leaderboard([0.5, 0.5, 0.5, 0.5]);
        var sameEnds = new Leaderboard([0.7, 0.2, 0.9, 0.7]);

        Assert.False(flat.IsLowerBetter);
        Assert.False(sameEnds.IsLowerBetter);
        var t = flat.Thresholds();
        Assert.True(t.Rank(0.5).Gold);
        Assert.False(t.Rank(0.5).AboveMedian);
        Assert.False(t.Rank(0.4).AnyMedal);
    }

    [Fact]
    public void Tied_scores_at_a_threshold_all_get_the_medal()
    {
        // 20 teams: gold = pos(2), silver = pos(4), bronze = pos(8); positions 1-5 tie at 0.9.
        var scores = new double[] { 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.5, 0.5, 0.4, 0.4, 0.3, 0.3, 0.2, 0.1 };
        var t = new Leaderboard(scores).Thresholds();

        Assert.Equal((0.9, 0.9, 0.8), (t.Gold, t.Silver, t.Bronze));
        Assert.True(t.Rank(0.9).Gold);
        Assert.True(t.Rank(0.8).Bronze);
        Assert.Equal(0.65, t.Median, 12);
    }

    [Fact]
    public void Null_score_gets_nothing() => Assert.Equal(MedalResult.None, new Leaderboard([3.0, 2.0, 1.0]).Thresholds().Rank(null));

    [Theory]
    [InlineData(0.015625, 0.01562)]
    [InlineData(0.015635, 0.01563)]
    [InlineData(0.123456789, 0.12346)]
    [InlineData(-2.5000049, -2.5)]
    [InlineData(550.61234567, 550.61235)]
    [InlineData(1.0, 1.0)]
    public void Scores_round_like_python(double value, double expected) => Assert.Equal(expected, ScoreRounding.Round(value));
}
