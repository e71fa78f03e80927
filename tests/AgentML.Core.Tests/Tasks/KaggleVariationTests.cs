using AgentML.Core.Data;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

/// <summary>
/// Kaggle-style folders without competition.yaml, derived from the shared tasks by renaming and reshaping files: the
/// loader must infer id, targets, type, format and metric, and the answers must grade as a perfect submission.
/// </summary>
public sealed class KaggleVariationTests : IDisposable
{
    private static readonly string[] Species = ["Adelie", "Chinstrap", "Gentoo"];
    private readonly TempDirectory _temp = new("agentml-kaggle");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("sampleSubmission.csv")]
    [InlineData("sample_submission.csv.gz")]
    [InlineData("gender_submission.csv")]
    [InlineData("titanic_sample_submission.csv")]
    public void Sample_submission_spelled_as_on_kaggle_is_found(string sampleFile)
    {
        var folder = KaggleFolder.From("titanic-full");
        folder.SampleFile = sampleFile;

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "titanic"), 1.0);

        Assert.Equal(sampleFile, Path.GetFileName(task.SampleSubmissionPath));
        Assert.Equal((TaskType.Binary, SubmissionFormat.Label, "accuracy", "id"), (task.TaskType, task.SubmissionFormat, task.Metric, task.IdColumn));
    }

    [Theory]
    [InlineData("train.csv.gz", "test.csv.gz", "data")]
    [InlineData("train.tsv", "test.tsv", "")]
    [InlineData("train.csv", "test.csv", "input")]
    public void Compressed_tab_separated_or_nested_data_files_are_read(string trainFile, string testFile, string subfolder)
    {
        var folder = KaggleFolder.From("penguin-species");
        (folder.TrainFile, folder.TestFile, folder.Subfolder) = (trainFile, testFile, subfolder);

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "penguins"), 0.0);

        Assert.Equal(trainFile, Path.GetFileName(task.TrainPath));
        Assert.Equal(subfolder, Path.GetRelativePath(task.RootDirectory, task.PublicDirectory).Replace(".", "", StringComparison.Ordinal));
        Assert.Equal(["species"], task.TrainTargetColumns);
        Assert.Equal((SubmissionFormat.ClassProbabilities, "log_loss"), (task.SubmissionFormat, task.Metric));
    }

    [Theory]
    [InlineData("Id")]
    [InlineData("PassengerId")]
    [InlineData("row_id")]
    [InlineData("ID")]
    public void Id_column_named_otherwise_is_found(string idName)
    {
        var folder = KaggleFolder.From("titanic-full").Rename("id", idName);

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, idName), 1.0);

        Assert.Equal(idName, task.IdColumn);
        Assert.Equal(["survived"], task.TargetColumns);
    }

    [Fact]
    public void Id_column_absent_from_train_is_taken_from_test_and_sample()
    {
        var folder = KaggleFolder.From("ames-house-prices");
        folder.Train = KaggleFolder.Without(folder.Train, "id");

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "ames"), 0.0);

        Assert.Equal("id", task.IdColumn);
        Assert.Equal(["Sale_Price"], task.TrainTargetColumns);
        Assert.Equal((TaskType.Regression, "rmsle"), (task.TaskType, task.Metric));
    }

    [Fact]
    public void Target_spelled_differently_in_train_is_matched_ignoring_case_and_punctuation()
    {
        var cased = KaggleFolder.From("titanic-full").Rename("survived", "Survived", test: false, sample: false, answers: false);
        var spelled = KaggleFolder.From("ames-house-prices").Rename("Sale_Price", "SalePrice", train: false, test: false);
        spelled.Train = KaggleFolder.WithColumn(spelled.Train, "Sale_Status", _ => "sold"); // a second train-only column

        var byCase = LoadAndGradePerfect(cased.WriteTo(_temp, "cased"), 1.0);
        var bySpelling = LoadAndGradePerfect(spelled.WriteTo(_temp, "spelled"), 0.0);

        Assert.Equal(["survived"], byCase.TargetColumns);
        Assert.Equal(["Survived"], byCase.TrainTargetColumns);
        Assert.Equal(["SalePrice"], bySpelling.TargetColumns);
        Assert.Equal(["Sale_Price"], bySpelling.TrainTargetColumns);
        Assert.Contains(bySpelling.Inferences, i => i.Field == "train_target_columns" && i.Reason.Contains("spelled differently", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_numeric_targets_are_multi_output_regression()
    {
        var folder = KaggleFolder.From("penguin-species").Evaluation("Submissions are scored on the mean columnwise root mean squared error.");
        string[] targets = ["bill_length_mm", "body_mass_g"];
        var ids = folder.Train.Column("id").Take(60).ToHashSet(StringComparer.Ordinal);
        var rows = folder.Train.Rows.Where(r => !targets.Any(t => r[folder.Train.ColumnIndex(t)] is "" or "NA")).ToArray();
        var all = new CsvTable(folder.Train.Columns, rows);
        var trainRows = new CsvTable(all.Columns, all.Rows.Where(r => !ids.Contains(r[0])).ToArray());
        var testRows = new CsvTable(all.Columns, all.Rows.Where(r => ids.Contains(r[0])).ToArray());
        folder.Train = KaggleFolder.Without(trainRows, "species");
        folder.Test = KaggleFolder.Without(testRows, [.. targets, "species"]);
        folder.Answers = new CsvTable(["id", .. targets], testRows.Rows.Select(r => new[] { r[0], r[testRows.ColumnIndex(targets[0])], r[testRows.ColumnIndex(targets[1])] }).ToArray());
        folder.Sample = new CsvTable(folder.Answers.Columns, folder.Answers.Rows.Select(r => new[] { r[0], "0", "0" }).ToArray());

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "multi"), 0.0);

        Assert.Equal(targets, task.TargetColumns);
        Assert.Equal((TaskType.Regression, SubmissionFormat.Value, "rmse"), (task.TaskType, task.SubmissionFormat, task.Metric));
    }

    [Theory]
    [InlineData("Class_{0}", 1, false)]
    [InlineData("class_{0}", 0, false)]
    [InlineData("prob_{0}", -1, false)]
    [InlineData("Class{0}", 1, true)]
    public void Per_class_columns_named_after_coded_labels_map_to_the_train_classes(string pattern, int firstCode, bool labelAnswers)
    {
        // firstCode -1: the labels stay species names ("prob_Adelie"); else species are coded firstCode, firstCode+1, ...
        var label = (int k) => firstCode < 0 ? Species[k] : (firstCode + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = PenguinsWithClassColumns(k => string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, label(k)), label);
        var root = folder.WriteTo(_temp, "classes");
        if (labelAnswers)
        {
            // MLE-bench style: the answers hold the label column, not one 0/1 column per class.
            var answers = folder.Answers;
            new CsvTable(["id", "species"], answers.Rows.Select(r => new[] { r[0], label(Array.IndexOf(r, "1", 1) - 1) }).ToArray())
                .Write(Path.Combine(root, "private", "answers.csv"));
        }

        var task = new TaskLoader().Load(root);
        var perfect = new SubmissionGrader().Grade(task, WriteAsSubmission(folder.Answers, root), task.AnswersPath!);

        Assert.Equal((TaskType.Multiclass, SubmissionFormat.ClassProbabilities, "log_loss"), (task.TaskType, task.SubmissionFormat, task.Metric));
        Assert.Equal(["species"], task.TrainTargetColumns);
        Assert.Equal(Enumerable.Range(0, 3).Select(label), task.TargetClassLabels);
        Assert.DoesNotContain(task.Inferences, i => i.Reason.Contains("no row in train", StringComparison.Ordinal));
        Assert.True(perfect.IsValid, perfect.InvalidReason);
        Assert.Equal(0.0, perfect.Score!.Value, 9);
    }

    [Fact]
    public void Per_class_columns_whose_names_do_not_match_the_labels_map_by_position_with_a_warning()
    {
        var folder = PenguinsWithClassColumns(k => $"Class_{k + 1}", k => $"{k}");

        var root = folder.WriteTo(_temp, "offbyone");
        var task = LoadAndGradePerfect(root, 0.0);
        var answers = folder.Answers;
        new CsvTable(["id", "species"], answers.Rows.Select(r => new[] { r[0], (Array.IndexOf(r, "1", 1) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray())
            .Write(Path.Combine(root, "private", "answers.csv"));
        var byLabel = new SubmissionGrader().Grade(task, WriteAsSubmission(answers, root), Path.Combine(root, "private", "answers.csv"));

        Assert.Equal(["0", "1", "2"], task.TargetClassLabels);
        Assert.Equal(SubmissionFormat.ClassProbabilities, task.SubmissionFormat);
        Assert.Contains(task.Inferences, i => i.Field == "train_target_columns" && i.Reason.StartsWith("WARNING", StringComparison.Ordinal));
        Assert.Equal(0.0, byLabel.Score!.Value, 9); // answers holding the labels 0..2 grade through the same mapping
    }

    [Fact]
    public void Per_class_columns_without_train_rows_are_named_and_map_to_nothing()
    {
        var folder = PenguinsWithClassColumns(k => $"Class_{k + 1}", k => $"{k + 1}");
        foreach (var extra in new[] { "Class_4", "Class_5" })
        {
            folder.Sample = KaggleFolder.WithColumn(folder.Sample, extra, _ => "0.2");
            folder.Answers = KaggleFolder.WithColumn(folder.Answers, extra, _ => "0");
        }

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "rare"), 0.0);

        Assert.Equal(["1", "2", "3", null, null], task.TargetClassLabels);
        Assert.Equal(["1", "2", "3"], task.ClassLabels);
        Assert.Contains(task.Inferences, i => i.Field == "class_labels" && i.Value == "Class_4, Class_5" && i.Reason.Contains("no row in train", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_zero_one_targets_with_column_wise_auc_are_multi_label()
    {
        var folder = KaggleFolder.From("credit-scoring").Evaluation("Submissions are evaluated on the mean column-wise ROC AUC.");
        var records = folder.Train.ColumnIndex("Records");
        folder.Train = KaggleFolder.WithColumn(folder.Train, "Records", r => r[records] == "yes" ? "1" : "0");
        var byId = folder.Test.Rows.ToDictionary(r => r[0], r => r[folder.Test.ColumnIndex("Records")] == "yes" ? "1" : "0");
        folder.Test = KaggleFolder.Without(folder.Test, "Records");
        folder.Answers = KaggleFolder.WithColumn(folder.Answers, "Records", r => byId[r[0]]);
        folder.Sample = KaggleFolder.WithColumn(folder.Sample, "Records", _ => "0.5");

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "multilabel"), 1.0);

        Assert.Equal(["Status", "Records"], task.TargetColumns);
        Assert.Equal((TaskType.MultiLabel, SubmissionFormat.MultiLabelProbabilities, "roc_auc"), (task.TaskType, task.SubmissionFormat, task.Metric));
    }

    [Theory]
    [InlineData("0", "Predict the probability that a loan turns out bad.", SubmissionFormat.Probability, "roc_auc")]
    [InlineData("0", "Submissions are evaluated on the Normalized Gini Coefficient.", SubmissionFormat.Probability, "roc_auc")]
    [InlineData("0", "Submissions are scored on the share of loans classified correctly (accuracy).", SubmissionFormat.Label, "accuracy")]
    [InlineData("", "Predict whether a loan turns out bad.", SubmissionFormat.Label, "accuracy")]
    public void Placeholder_sample_values_leave_the_format_to_train_and_the_description(string placeholder, string evaluation, SubmissionFormat format, string metric)
    {
        var folder = KaggleFolder.From("credit-scoring");
        folder.Description = "# Loans\n\n" + evaluation + "\n";
        folder.Sample = KaggleFolder.WithColumn(folder.Sample, "Status", _ => placeholder);

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "placeholder"), 1.0);

        Assert.Equal((TaskType.Binary, format, metric, "1"), (task.TaskType, task.SubmissionFormat, task.Metric, task.PositiveLabel));
    }

    [Fact]
    public void Gini_is_scored_as_roc_auc_with_a_note()
    {
        var folder = KaggleFolder.From("credit-scoring").Evaluation("Submissions are evaluated on the Normalized Gini Coefficient.");

        var task = new TaskLoader().Load(folder.WriteTo(_temp, "gini"));

        Assert.Equal("roc_auc", task.Metric);
        Assert.Contains(task.Inferences, i => i.Field == "metric" && i.Reason.Contains("2·AUC − 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Constant_class_placeholder_is_a_label_submission()
    {
        var folder = KaggleFolder.From("letter-recognition");
        folder.Sample = KaggleFolder.WithColumn(folder.Sample, "lettr", _ => "A");

        var task = LoadAndGradePerfect(folder.WriteTo(_temp, "letters"), 1.0);

        Assert.Equal((TaskType.Multiclass, SubmissionFormat.Label), (task.TaskType, task.SubmissionFormat));
    }

    [Fact]
    public void Unrecognisable_label_column_and_ambiguous_data_folders_are_clear_errors()
    {
        var noLabel = KaggleFolder.From("titanic-full").Rename("survived", "outcome", train: false, test: false);
        noLabel.Train = KaggleFolder.WithColumn(noLabel.Train, "weight", _ => "1"); // two train-only columns, neither named like the target
        var twoFolders = KaggleFolder.From("titanic-full");
        twoFolders.Subfolder = "data";
        var twoRoot = twoFolders.WriteTo(_temp, "two");
        twoFolders.Subfolder = "copy";
        twoFolders.WriteTo(_temp, "two");

        var label = Assert.Throws<UserFacingException>(() => new TaskLoader().Load(noLabel.WriteTo(_temp, "nolabel")));
        var folders = Assert.Throws<UserFacingException>(() => new TaskLoader().Load(twoRoot));

        Assert.Contains("train.csv: cannot find the label column(s) for outcome", label.Message, StringComparison.Ordinal);
        Assert.Contains("copy, data", folders.Message, StringComparison.Ordinal);
    }

    /// <summary>Penguins with species k coded as <paramref name="label"/>(k) in train and its submission column named <paramref name="column"/>(k).</summary>
    private static KaggleFolder PenguinsWithClassColumns(Func<int, string> column, Func<int, string> label)
    {
        var folder = KaggleFolder.From("penguin-species");
        for (var k = 0; k < Species.Length; k++)
        {
            folder.Rename(Species[k], column(k), train: false, test: false);
        }

        var speciesIndex = folder.Train.ColumnIndex("species");
        folder.Train = KaggleFolder.WithColumn(folder.Train, "species", r => label(Array.IndexOf(Species, r[speciesIndex])));
        return folder;
    }

    private static string WriteAsSubmission(CsvTable answers, string root)
    {
        var path = Path.Combine(root, "submission.csv");
        answers.Write(path);
        return path;
    }

    /// <summary>Loads the folder and grades its answers as a submission: valid, with the metric's perfect score.</summary>
    private static TaskSpec LoadAndGradePerfect(string root, double perfect)
    {
        var task = new TaskLoader().Load(root);
        var answers = task.AnswersPath ?? throw new InvalidOperationException("no answers");
        var grade = new SubmissionGrader().Grade(task, WriteAsSubmission(CsvTable.Read(answers), root), answers);
        Assert.True(grade.IsValid, grade.InvalidReason);
        Assert.Equal(perfect, grade.Score!.Value, 9);
        return task;
    }
}
