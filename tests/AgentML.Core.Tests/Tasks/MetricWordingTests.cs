using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

/// <summary>Metrics named in the words Kaggle and MLE-bench descriptions use, and metrics AgentML scores through an equivalent one or not at all.</summary>
public sealed class MetricWordingTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-wording");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Submissions are scored based on the quadratic weighted kappa, which measures the agreement between two ratings.", "quadratic_weighted_kappa")]
    [InlineData("Submissions are evaluated on the mean column-wise ROC AUC.", "roc_auc")]
    [InlineData("Submissions are evaluated on the mean columnwise area under the receiver operating characteristic curve.", "roc_auc")]
    [InlineData("Submissions are evaluated according to the Mean Average Precision @ 3 (MAP@3).", "map@3")]
    [InlineData("Submissions are evaluated using MAP@3.", "map@3")]
    [InlineData("Submissions are evaluated on the mean absolute error between the predicted and actual values.", "mae")]
    [InlineData("Submissions are evaluated using the Normalized Gini Coefficient.", "roc_auc")]
    [InlineData("The score is the Gini index of the predictions.", "roc_auc")]
    [InlineData("Submissions are evaluated on the mean squared error.", "rmse")]
    [InlineData("Submissions are scored by the mean squared logarithmic error.", "rmsle")]
    [InlineData("Submissions are evaluated using the multi-class logarithmic loss.", "log_loss")]
    [InlineData("Submissions are evaluated on MCRMSE, the mean columnwise root mean squared error.", "rmse")]
    public void Kaggle_wording_names_the_metric(string text, string expected) =>
        Assert.Equal(expected, MetricInference.FromDescription("# Task\n\n## Evaluation\n\n" + text)?.Metric);

    [Theory]
    [InlineData("the Normalized Gini Coefficient", "2·AUC − 1")]
    [InlineData("mean squared error", "square of RMSE")]
    [InlineData("mean squared log error", "square of RMSLE")]
    [InlineData("root mean squared error", null)]
    [InlineData("area under the ROC curve", null)]
    public void Equivalent_metrics_carry_a_note(string phrase, string? note)
    {
        var found = MetricInference.SubstitutionNote(phrase);

        if (note is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(note, found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Submissions are evaluated on the Matthews correlation coefficient.", "Matthews correlation coefficient")]
    [InlineData("Scored with the Spearman correlation between predictions and targets.", "Spearman correlation")]
    [InlineData("Submissions are evaluated on SMAPE.", "SMAPE")]
    [InlineData("Submissions are scored on the root mean squared error.", null)]
    public void Unsupported_metrics_are_recognised(string text, string? phrase) =>
        Assert.Equal(phrase, MetricInference.UnsupportedMetric("# Task\n\n## Evaluation\n\n" + text));

    [Fact]
    public void An_unsupported_metric_falls_back_to_the_default_with_a_warning()
    {
        var folder = _temp.Combine("mcc");
        Directory.CreateDirectory(folder);
        new CsvTable(["id", "x", "y"], Enumerable.Range(1, 60).Select(i => new[] { $"{i}", $"{i % 7}", i % 3 == 0 ? "yes" : "no" }).ToArray())
            .Write(Path.Combine(folder, "train.csv"));
        new CsvTable(["id", "x"], Enumerable.Range(61, 10).Select(i => new[] { $"{i}", $"{i % 7}" }).ToArray()).Write(Path.Combine(folder, "test.csv"));
        new CsvTable(["id", "y"], Enumerable.Range(61, 10).Select(i => new[] { $"{i}", "no" }).ToArray()).Write(Path.Combine(folder, "sample_submission.csv"));
        File.WriteAllText(Path.Combine(folder, "description.md"), "# MCC task\n\n## Evaluation\n\nSubmissions are evaluated on the Matthews correlation coefficient.\n");

        var task = new TaskLoader().Load(folder);

        Assert.Equal("accuracy", task.Metric);
        var metric = Assert.Single(task.Inferences, i => i.Field == "metric");
        Assert.StartsWith("WARNING: the description names 'Matthews correlation coefficient'", metric.Reason, StringComparison.Ordinal);
    }
}
