using AgentML.Core.Metrics;

namespace AgentML.Core.Tests.Metrics;

public sealed class MetricApiTests
{
    [Theory]
    [InlineData("auc", "roc_auc", true)]
    [InlineData("LogLoss", "log_loss", false)]
    [InlineData("qwk", "quadratic_weighted_kappa", true)]
    [InlineData("rmsle", "rmsle", false)]
    [InlineData("map@5", "map@5", true)]
    [InlineData("mean_absolute_error", "mae", false)]
    public void Registry_resolves_names_and_aliases(string name, string canonical, bool higherIsBetter)
    {
        var metric = MetricRegistry.Get(name);

        Assert.Equal(canonical, metric.Name);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
    }

    [Fact]
    public void Unknown_metric_lists_the_known_ones()
    {
        var error = Assert.Throws<UserFacingException>(() => MetricRegistry.Get("gini"));

        Assert.Contains("roc_auc", error.Message, StringComparison.Ordinal);
        Assert.False(MetricRegistry.TryGet("map@0", out _));
    }

    [Fact]
    public void Scores_plain_arrays()
    {
        Assert.Equal(0.5, MetricRegistry.Get("mae").Score([1.0, 2.0], [1.5, 2.5]), 15);
        Assert.Equal(1.0, MetricRegistry.Get("roc_auc").Score([0.0, 1.0, 1.0], [0.1, 0.8, 0.9]), 15);
        Assert.Equal(2 / 3.0, MetricRegistry.Get("accuracy").Score(["a", "b", "c"], ["a", "b", "b"]), 15);
        Assert.Equal(1.0, MetricRegistry.Get("f1").Score(["yes", "no"], ["yes", "no"], "yes"), 15);
    }

    [Fact]
    public void Numeric_labels_compare_by_value_and_nan_predictions_are_invalid()
    {
        Assert.Equal(1.0, MetricRegistry.Get("accuracy").Score(["1", "0"], ["1.0", "0.0"]), 15);
        var error = Assert.Throws<InvalidPredictionException>(() => MetricRegistry.Get("rmse").Score(MetricInput.Values([1.0], [double.NaN])));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orientation_helpers()
    {
        var loss = MetricRegistry.Get("log_loss");

        Assert.True(loss.IsBetter(0.1, 0.2));
        Assert.Equal(-0.1, loss.Oriented(0.1));
        Assert.True(MetricRegistry.Get("accuracy").IsBetter(0.9, 0.8));
    }
}
