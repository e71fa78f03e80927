using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

public sealed class SharedTaskInferenceTests
{
    public static TheoryData<string> TaskNames() => [.. TestPaths.TaskNames()];

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Inference_without_yaml_matches_the_yaml(string name)
    {
        var loader = new TaskLoader();
        var withYaml = loader.Load(TestPaths.Task(name));
        var inferred = loader.Load(TestPaths.Task(name), new TaskLoadOptions { IgnoreCompetitionYaml = true });

        Assert.Equal(withYaml.IdColumn, inferred.IdColumn);
        Assert.Equal(withYaml.TargetColumns, inferred.TargetColumns);
        Assert.Equal(withYaml.Metric, inferred.Metric);
        Assert.Equal(withYaml.TaskType, inferred.TaskType);
        Assert.Equal(withYaml.SubmissionFormat, inferred.SubmissionFormat);
        Assert.Equal(withYaml.TrainTargetColumns, inferred.TrainTargetColumns);
        Assert.Equal(withYaml.PositiveLabel, inferred.PositiveLabel);
        Assert.Equal(withYaml.AnswersPath, inferred.AnswersPath);
        foreach (var field in new[] { "id_column", "target_columns", "metric", "task_type" })
        {
            Assert.Contains(inferred.Inferences, i => i.Field == field && i.Reason.Length > 0);
        }
    }

    [Theory]
    [InlineData("titanic-full", TaskType.Binary, SubmissionFormat.Label, "accuracy", "survived", "yes")]
    [InlineData("ames-house-prices", TaskType.Regression, SubmissionFormat.Value, "rmsle", "Sale_Price", null)]
    [InlineData("spam-emails", TaskType.Binary, SubmissionFormat.Probability, "roc_auc", "label", "1")]
    [InlineData("letter-recognition", TaskType.Multiclass, SubmissionFormat.Label, "accuracy", "lettr", null)]
    [InlineData("credit-scoring", TaskType.Binary, SubmissionFormat.Probability, "roc_auc", "Status", "1")]
    [InlineData("diamond-prices", TaskType.Regression, SubmissionFormat.Value, "rmse", "price", null)]
    [InlineData("penguin-species", TaskType.Multiclass, SubmissionFormat.ClassProbabilities, "log_loss", "species", null)]
    public void Infers_each_shared_task(string name, TaskType type, SubmissionFormat format, string metric, string trainTarget, string? positive)
    {
        var task = new TaskLoader().Load(TestPaths.Task(name), new TaskLoadOptions { IgnoreCompetitionYaml = true });

        Assert.Equal("id", task.IdColumn);
        Assert.Equal(type, task.TaskType);
        Assert.Equal(format, task.SubmissionFormat);
        Assert.Equal(metric, task.Metric);
        Assert.Equal([trainTarget], task.TrainTargetColumns);
        Assert.Equal(positive, task.PositiveLabel);
        Assert.Equal(name, task.Id);
    }

    [Fact]
    public void Penguin_class_labels_are_the_species()
    {
        var task = new TaskLoader().Load(TestPaths.Task("penguin-species"));

        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], task.ClassLabels);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], task.TargetColumns);
    }

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Sample_submission_grades_to_a_number(string name)
    {
        var task = new TaskLoader().Load(TestPaths.Task(name));

        var grade = new SubmissionGrader().Grade(task, task.SampleSubmissionPath, task.AnswersPath!);

        Assert.True(grade.IsValid, grade.InvalidReason);
        Assert.True(double.IsFinite(grade.Score!.Value));
    }
}
