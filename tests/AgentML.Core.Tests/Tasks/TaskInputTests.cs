using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

public sealed class TaskInputTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-input");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Canonical_public_folder_is_used_as_it_is()
    {
        var task = new TaskLoader().Load(TestPaths.Task("penguin-species"));

        Assert.True(TaskInput.IsCanonical(task));
        Assert.Equal(task.PublicDirectory, TaskInput.Prepare(task, _temp.Combine("staged")));
        Assert.False(Directory.Exists(_temp.Combine("staged")));
    }

    [Fact]
    public void Files_named_otherwise_are_staged_as_plain_csv_under_the_contract_names()
    {
        var folder = KaggleFolder.From("penguin-species");
        (folder.TrainFile, folder.TestFile, folder.SampleFile, folder.Subfolder) = ("train.csv.gz", "test.tsv", "sampleSubmission.csv", "data");
        var root = folder.WriteTo(_temp, "kaggle");
        File.WriteAllText(Path.Combine(root, "data", "notes.txt"), "extra file");
        var task = new TaskLoader().Load(root);

        var input = TaskInput.Prepare(task, _temp.Combine("staged"));

        Assert.False(TaskInput.IsCanonical(task));
        Assert.Equal(_temp.Combine("staged"), input);
        Assert.Equal(folder.Train.Rows.Count, CsvTable.Read(Path.Combine(input, "train.csv")).RowCount);
        Assert.Equal(folder.Test.Columns, CsvTable.Read(Path.Combine(input, "test.csv")).Columns);
        Assert.Equal(folder.Sample.RowCount, CsvTable.Read(Path.Combine(input, "sample_submission.csv")).RowCount);
        Assert.Equal("extra file", File.ReadAllText(Path.Combine(input, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(input, "train.csv.gz")));
        Assert.Equal(input, TaskInput.Prepare(task, input));
    }

    [Fact]
    public void Public_files_are_copied_without_answers_leaderboard_or_private_files()
    {
        var root = KaggleFolder.From("penguin-species").WriteTo(_temp, "bare");
        File.WriteAllText(Path.Combine(root, "leaderboard.csv"), "teamName,score\nx,0.5\n");
        File.WriteAllText(Path.Combine(root, "extra.txt"), "extra file");
        var task = new TaskLoader().Load(root);
        var target = _temp.Combine("copy");

        TaskInput.CopyPublicFiles(task, target);

        Assert.True(File.Exists(Path.Combine(target, "train.csv")));
        Assert.True(File.Exists(Path.Combine(target, "sample_submission.csv")));
        Assert.Equal("extra file", File.ReadAllText(Path.Combine(target, "extra.txt")));
        Assert.False(File.Exists(Path.Combine(target, "leaderboard.csv")));
        Assert.False(Directory.Exists(Path.Combine(target, "private")));
        Assert.Empty(Directory.EnumerateFiles(target, "answers.csv", SearchOption.AllDirectories));
    }
}
