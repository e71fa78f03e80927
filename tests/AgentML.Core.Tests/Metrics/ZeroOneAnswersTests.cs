using AgentML.Core.Metrics;

namespace AgentML.Core.Tests.Metrics;

/// <summary>Answers already encoded as 0/1 are graded as such even when the task names a text positive label.</summary>
public sealed class ZeroOneAnswersTests
{
    [Fact]
    public void Zero_one_answers_with_a_text_positive_label_score_the_ones_as_positive()
    {
        var input = MetricInput.Scores(["0", "1", "0", "1"], [0.1, 0.8, 0.3, 0.6], positiveLabel: "bad");

        Assert.Equal(1.0, MetricRegistry.Get("roc_auc").Score(input), 9);
        Assert.Equal(ProbabilityLogLoss([false, true, false, true], [0.1, 0.8, 0.3, 0.6]), MetricRegistry.Get("log_loss").Score(input), 9);
    }

    [Fact]
    public void Text_answers_still_use_the_named_positive_label()
    {
        var input = MetricInput.Scores(["good", "bad", "good", "bad"], [0.1, 0.8, 0.3, 0.6], positiveLabel: "bad");

        Assert.Equal(1.0, MetricRegistry.Get("roc_auc").Score(input), 9);
    }

    private static double ProbabilityLogLoss(bool[] truth, double[] p) =>
        -truth.Select((t, i) => Math.Log(t ? p[i] : 1 - p[i])).Average();
}
