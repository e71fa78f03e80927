using AgentML.Search.Scoring;

namespace AgentML.Search.Tests;

public sealed class ScoringTests
{
    [Fact]
    public void SpearmanMatchesRankCorrelationWithTies()
    {
        Assert.Equal(1.0, Spearman.Correlation([1, 2, 3, 4], [10, 20, 30, 45])!.Value, 12);
        Assert.Equal(-1.0, Spearman.Correlation([1, 2, 3, 4], [4, 3, 2, 1])!.Value, 12);
        // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 3, 5]) = 0.6668859288553503
        Assert.Equal(0.6668859288553503, Spearman.Correlation([1, 2, 2, 3, 5], [2, 1, 4, 3, 5])!.Value, 12);
        Assert.Null(Spearman.Correlation([1, 2], [1, 2]));
        Assert.Null(Spearman.Correlation([1, 1, 1], [1, 2, 3]));
    }

    [Fact]
    public void PredictorPromotesEverythingUntilItHasEnoughPairs()
    {
        var few = FidelityPredictor.Fit([(0.5, 0.6), (0.6, 0.7)], higherIsBetter: true);
        Assert.False(few.CanPredict);
        Assert.True(few.ShouldPromote(0.0, 0.9));
    }

    [Fact]
    public void PredictorUsesAnOptimisticBoundInTheMetricsDirection()
    {
        (double, double)[] pairs = [(0.60, 0.70), (0.65, 0.74), (0.70, 0.80), (0.75, 0.84), (0.80, 0.90)];
        var higher = FidelityPredictor.Fit(pairs, higherIsBetter: true);
        Assert.True(higher.CanPredict);
        Assert.Equal(1.0, higher.Slope, 1);
        Assert.True(higher.OptimisticBound(0.7) > higher.Predict(0.7));
        Assert.False(higher.ShouldPromote(0.60, bestFull: 0.85));
        Assert.True(higher.ShouldPromote(0.78, bestFull: 0.85));

        var lower = FidelityPredictor.Fit(pairs, higherIsBetter: false);
        Assert.True(lower.OptimisticBound(0.7) < lower.Predict(0.7));
        Assert.False(lower.ShouldPromote(0.80, bestFull: 0.72));
        Assert.True(lower.ShouldPromote(0.61, bestFull: 0.72));
    }

    [Fact]
    public void InRunStopperStopsOnlyRunsThatCannotCatchUp()
    {
        var best = Enumerable.Range(1, 5).Select(k => ("accuracy", k, 0.80 + (k * 0.001))).ToList();
        var stopper = InRunStopper.Create(best, "accuracy", taskHigherIsBetter: true)!;
        Assert.False(stopper.ShouldStop([("accuracy", 1, 0.60)]));
        Assert.True(stopper.ShouldStop([("accuracy", 1, 0.60), ("accuracy", 2, 0.61)]));
        Assert.False(stopper.ShouldStop([("accuracy", 1, 0.80), ("accuracy", 2, 0.81)]));
        Assert.False(stopper.ShouldStop([("accuracy", 1, 0.70), ("accuracy", 2, 0.95)]));
        Assert.False(stopper.ShouldStop([("other", 1, 0.1), ("other", 2, 0.1)]));

        var rmse = InRunStopper.Create(best.Select(b => ("rmse", b.Item2, 1.0)).ToList(), "rmsle", taskHigherIsBetter: false)!;
        Assert.True(rmse.ShouldStop([("rmse", 1, 2.0), ("rmse", 2, 2.1)]));
        Assert.False(rmse.ShouldStop([("rmse", 1, 0.5), ("rmse", 2, 0.6)]));

        Assert.Null(InRunStopper.Create([("mystery", 1, 1.0), ("mystery", 2, 1.0), ("mystery", 3, 1.0)], "rmse", false));
        Assert.Null(InRunStopper.Create([("rmse", 1, 1.0), ("rmse", 2, 1.0)], "rmse", false));
    }
}
