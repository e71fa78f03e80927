using AgentML.Core.Tasks;

namespace AgentML.Core.Tests.Tasks;

public sealed class MetricInferenceTests
{
    [Theory]
    [InlineData("Submissions are evaluated on area under the ROC curve between the predicted probability and the observed target.", "roc_auc")]
    [InlineData("The metric is AUC.", "roc_auc")]
    [InlineData("We use the multi-class logarithmic loss.", "log_loss")]
    [InlineData("Evaluated with log loss.", "log_loss")]
    [InlineData("Scored by cross-entropy.", "log_loss")]
    [InlineData("Root Mean Squared Logarithmic Error (RMSLE).", "rmsle")]
    [InlineData("root mean squared error between the logarithm of the predicted price and the logarithm of the observed price (RMSLE)", "rmsle")]
    [InlineData("The RMSE between predicted and observed values.", "rmse")]
    [InlineData("Submissions are scored on the root mean squared error.", "rmse")]
    [InlineData("The mean absolute error (MAE) is used.", "mae")]
    [InlineData("Scored on classification accuracy.", "accuracy")]
    [InlineData("The metric is balanced accuracy.", "balanced_accuracy")]
    [InlineData("Submissions are evaluated using the macro F1 score.", "f1_macro")]
    [InlineData("Submissions are evaluated using the micro-averaged F1.", "f1_micro")]
    [InlineData("Submissions are evaluated using the F1 score.", "f1")]
    [InlineData("Submissions are scored based on the quadratic weighted kappa.", "quadratic_weighted_kappa")]
    [InlineData("The score is the coefficient of determination.", "r2")]
    [InlineData("Evaluated by R2.", "r2")]
    [InlineData("Submissions are evaluated according to the Mean Average Precision @ 5 (MAP@5).", "map@5")]
    public void Names_the_metric(string text, string expected) => Assert.Equal(expected, MetricInference.FromDescription(text)?.Metric);

    [Fact]
    public void Evaluation_section_wins_over_earlier_mentions()
    {
        const string text = "# Task\n\nA previous model reached 0.9 accuracy.\n\n## Evaluation\n\nSubmissions are evaluated on log loss.\n";

        var found = MetricInference.FromDescription(text);

        Assert.Equal("log_loss", found?.Metric);
        Assert.Equal("the evaluation section", found?.Where);
    }

    [Fact]
    public void No_metric_words_give_null() => Assert.Null(MetricInference.FromDescription("Predict the price of each house."));
}
