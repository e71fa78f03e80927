using AgentML.Core.Metrics;

namespace AgentML.Core.Tests.Metrics;

/// <summary>Every C# metric equals scikit-learn 1.2.1 to 1e-9 on the committed reference vectors.</summary>
public sealed class SklearnReferenceTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> CaseNames() => [.. ReferenceCase.Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Metric_equals_scikit_learn(string name)
    {
        var c = ReferenceCase.Cases[name];
        var metric = c.CreateMetric();

        if (c.ExpectsError)
        {
            var error = Record.Exception(() => metric.Score(c.Input()));
            Assert.True(error is MetricUndefinedException or InvalidPredictionException, $"expected an undefined-metric or invalid-prediction error, got {error}");
            return;
        }

        var actual = metric.Score(c.Input());
        if (double.IsNaN(c.ExpectedValue))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
            return;
        }

        Assert.True(Math.Abs(actual - c.ExpectedValue) <= Tolerance, $"{name}: C# {actual:R} vs scikit-learn {c.ExpectedValue:R} (diff {actual - c.ExpectedValue:E2})");
    }

    [Fact]
    public void Reference_covers_every_metric_and_the_hard_cases()
    {
        var metrics = ReferenceCase.Cases.Values.Select(c => c.Metric.StartsWith("map@", StringComparison.Ordinal) ? MetricNames.MapAtK : c.Metric).ToHashSet();
        Assert.Subset(metrics, typeof(MetricNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet());
        Assert.Superset(typeof(MetricNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(), metrics);
        foreach (var hard in new[] { "ties", "constant-prediction", "exact-0-and-1", "single-class" })
        {
            Assert.Contains(ReferenceCase.Cases.Keys, k => k.Contains(hard, StringComparison.Ordinal));
        }
    }
}
