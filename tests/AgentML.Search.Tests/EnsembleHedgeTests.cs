using AgentML.Core.Metrics;
using AgentML.Search.Ensembles;

namespace AgentML.Search.Tests;

/// <summary>Which metrics make an ensemble of two or more nodes the submission even where the best node alone scores better out of fold.</summary>
public sealed class EnsembleHedgeTests
{
    [Theory]
    [InlineData(MetricNames.LogLoss, true)]
    [InlineData(MetricNames.RocAuc, false)]
    [InlineData(MetricNames.Accuracy, false)]
    [InlineData(MetricNames.Rmse, false)]
    [InlineData(MetricNames.Rmsle, false)]
    [InlineData(MetricNames.QuadraticWeightedKappa, false)]
    public void Only_log_loss_whose_confident_mistakes_cost_without_bound_is_hedged(string metric, bool hedged) =>
        Assert.Equal(hedged, EnsembleBuilder.Hedges(metric));
}
