using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

public sealed class BareFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-bare");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Kaggle_style_folder_without_description_uses_metric_option_then_default()
    {
        var folder = MakeFolder("regression", target: i => (i * 1.5).ToString("R"), sample: "0.0", description: null);

        var byDefault = new TaskLoader().Load(folder);
        var byOption = new TaskLoader().Load(folder, new TaskLoadOptions { Metric = "mae" });

        Assert.Equal(TaskType.Regression, byDefault.TaskType);
        Assert.Equal("rmse", byDefault.Metric);
        Assert.Contains(byDefault.Inferences, i => i.Field == "metric" && i.Reason.Contains("default", StringComparison.Ordinal));
        Assert.Equal("mae", byOption.Metric);
        Assert.Contains(byOption.Inferences, i => i.Field == "metric" && i.Reason.Contains("--metric", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_zero_one_with_fractional_sample_is_probability_with_positive_one()
    {
        var folder = MakeFolder("binary", target: i => (i % 3 == 0 ? 1 : 0).ToString(), sample: "0.5", description: "Predict the target.");

        var task = new TaskLoader().Load(folder);

        Assert.Equal(TaskType.Binary, task.TaskType);
        Assert.Equal(SubmissionFormat.Probability, task.SubmissionFormat);
        Assert.Equal("roc_auc", task.Metric);
        Assert.Equal("1", task.PositiveLabel);
    }

    [Fact]
    public void Few_integer_classes_with_kappa_is_multiclass_and_f1_becomes_macro()
    {
        var kappa = MakeFolder("ordinal", target: i => (i % 5).ToString(), sample: "0", description: "Scored with quadratic weighted kappa.");
        var f1 = MakeFolder("f1", target: i => (i % 4).ToString(), sample: "0", description: "Scored with the F1 score.");

        Assert.Equal(TaskType.Multiclass, new TaskLoader().Load(kappa).TaskType);
        Assert.Equal("quadratic_weighted_kappa", new TaskLoader().Load(kappa).Metric);
        Assert.Equal("f1_macro", new TaskLoader().Load(f1).Metric);
    }

    [Fact]
    public void Missing_folder_or_file_is_a_clear_error()
    {
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => new TaskLoader().Load(_temp.Combine("nothing"))).Message, StringComparison.Ordinal);
        var folder = _temp.Combine("no-sample");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "train.csv"), "id,y\n1,2\n");
        File.WriteAllText(Path.Combine(folder, "test.csv"), "id\n3\n");
        Assert.Contains("sample submission", Assert.Throws<UserFacingException>(() => new TaskLoader().Load(folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mle_bench_prepared_layout_is_found_and_graded_against_label_answers()
    {
        var competition = _temp.Combine("penguins");
        var prepared = Path.Combine(competition, "prepared");
        var source = TestPaths.Task("penguin-species");
        Directory.CreateDirectory(Path.Combine(prepared, "public"));
        Directory.CreateDirectory(Path.Combine(prepared, "private"));
        foreach (var f in Directory.GetFiles(Path.Combine(source, "public")))
        {
            File.Copy(f, Path.Combine(prepared, "public", Path.GetFileName(f)));
        }

        // MLE-bench keeps labels in private/test.csv: here the species column instead of one-hot columns.
        var answers = CsvTable.Read(Path.Combine(source, "private", "answers.csv"));
        var species = answers.Rows.Select(r => new[] { r[0], answers.Columns[Array.IndexOf(r, "1", 1)] }).ToArray();
        new CsvTable(["id", "species"], species).Write(Path.Combine(prepared, "private", "test.csv"));

        var task = new TaskLoader().Load(competition);
        var grade = new SubmissionGrader().Grade(task, Path.Combine(source, "private", "answers.csv"), task.AnswersPath!);

        Assert.Equal("log_loss", task.Metric);
        Assert.Equal(Path.Combine(prepared, "private", "test.csv"), task.AnswersPath);
        Assert.True(grade.IsValid, grade.InvalidReason);
        Assert.True(grade.Score < 1e-12);
    }

    [Fact]
    public void Several_zero_one_columns_are_multi_label_or_one_hot_classes()
    {
        var multiLabel = MakeMultiColumnFolder("multi", i => [(i % 2).ToString(), (i % 3 == 0 ? 1 : 0).ToString()]);
        var oneHot = MakeMultiColumnFolder("onehot", i => [(i % 2).ToString(), (1 - (i % 2)).ToString()]);

        var ml = new TaskLoader().Load(multiLabel);
        var oh = new TaskLoader().Load(oneHot);

        Assert.Equal((TaskType.MultiLabel, SubmissionFormat.MultiLabelProbabilities, "roc_auc"), (ml.TaskType, ml.SubmissionFormat, ml.Metric));
        Assert.Equal((TaskType.Binary, SubmissionFormat.ClassProbabilities, "log_loss"), (oh.TaskType, oh.SubmissionFormat, oh.Metric));
        Assert.Equal(["a", "b"], oh.TrainTargetColumns);
    }

    [Fact]
    public void Text_labels_with_probability_sample_use_the_minority_class_as_positive()
    {
        var folder = MakeFolder("ham", target: i => i % 4 == 0 ? "spam" : "ham", sample: "0.5", description: "Predict whether a message is unwanted.");

        var task = new TaskLoader().Load(folder);

        Assert.Equal((TaskType.Binary, SubmissionFormat.Probability, "roc_auc"), (task.TaskType, task.SubmissionFormat, task.Metric));
        Assert.Equal("spam", task.PositiveLabel);
        Assert.Contains(task.Inferences, i => i.Field == "positive_label" && i.Reason.Contains("less frequent", StringComparison.Ordinal));
    }

    private string MakeMultiColumnFolder(string name, Func<int, string[]> targets)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        new CsvTable(["id", "x", "a", "b"], Enumerable.Range(1, 60).Select(i => (string[])[i.ToString(), (i * 0.5).ToString("R"), .. targets(i)]).ToArray())
            .Write(Path.Combine(folder, "train.csv"));
        new CsvTable(["id", "x"], Enumerable.Range(61, 10).Select(i => new[] { i.ToString(), "1.5" }).ToArray()).Write(Path.Combine(folder, "test.csv"));
        new CsvTable(["id", "a", "b"], Enumerable.Range(61, 10).Select(i => new[] { i.ToString(), "0.5", "0.5" }).ToArray())
            .Write(Path.Combine(folder, "sample_submission.csv"));
        return folder;
    }

    private string MakeFolder(string name, Func<int, string> target, string sample, string? description)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        var train = Enumerable.Range(1, 100).Select(i => new[] { i.ToString(), (i % 7).ToString(), target(i) }).ToArray();
        new CsvTable(["Id", "feature", "y"], train).Write(Path.Combine(folder, "train.csv"));
        new CsvTable(["Id", "feature"], Enumerable.Range(101, 20).Select(i => new[] { i.ToString(), (i % 7).ToString() }).ToArray()).Write(Path.Combine(folder, "test.csv"));
        new CsvTable(["Id", "y"], Enumerable.Range(101, 20).Select(i => new[] { i.ToString(), sample }).ToArray()).Write(Path.Combine(folder, "sample_submission.csv"));
        if (description is not null)
        {
            File.WriteAllText(Path.Combine(folder, "description.md"), description);
        }

        return folder;
    }
}
