using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

/// <summary>Image competitions: file-name columns, image folders and test sets given as a folder are recognised.</summary>
public sealed class ImageTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-images");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Test_folder_without_test_table_takes_the_ids_of_the_sample_submission()
    {
        var task = new TaskLoader().Load(ImageTasks.Write(_temp.Combine("folder"), ImageLayout.TestFolder));

        Assert.True(task.TestFromSampleSubmission);
        Assert.Equal("test", task.TestFolder);
        Assert.Equal(task.SampleSubmissionPath, task.TestPath);
        Assert.Equal("id", task.IdColumn);
        Assert.Equal(TaskType.Multiclass, task.TaskType);
        Assert.Equal("accuracy", task.Metric);
        var images = Assert.Single(task.FileColumns);
        Assert.Equal(("id", FileKind.Image, ".png"), (images.Column, images.Kind, images.Suffix));
        Assert.Equal(["train"], images.TrainFolders);
        Assert.Equal(["test"], images.TestFolders);
        Assert.Equal(120, images.FileCount);
        Assert.Equal((90, 90), (images.Checked, images.Found));
        Assert.Equal("16x16 grey", images.Sizes?.ToString());
        Assert.Contains(task.Inferences, i => i.Field == "test_set" && i.Value.Contains("30 ids", StringComparison.Ordinal) && !i.Reason.StartsWith("WARNING", StringComparison.Ordinal));
        Assert.Contains(task.Inferences, i => i.Field == "file_inputs" && i.Value.Contains("image files named by 'id' + '.png' in train/; test files in test/", StringComparison.Ordinal));
    }

    [Fact]
    public void Path_column_names_the_image_of_each_row()
    {
        var task = new TaskLoader().Load(ImageTasks.Write(_temp.Combine("paths"), ImageLayout.PathColumn));

        Assert.False(task.TestFromSampleSubmission);
        var images = Assert.Single(task.ImageColumns);
        Assert.Equal(("image", ""), (images.Column, images.Suffix));
        Assert.Equal(["images"], images.TrainFolders);
        Assert.Equal(["images"], images.TestFolders);
    }

    [Fact]
    public void Ids_that_are_file_names_are_found_in_train_and_test_folders()
    {
        var task = new TaskLoader().Load(ImageTasks.Write(_temp.Combine("names"), ImageLayout.FileNameIds));

        var images = Assert.Single(task.FileColumns);
        Assert.Equal(("id", ""), (images.Column, images.Suffix));
        Assert.Equal((TaskType.Binary, SubmissionFormat.Probability, "roc_auc"), (task.TaskType, task.SubmissionFormat, task.Metric));
        Assert.Equal(["test"], images.TestFolders);
    }

    [Fact]
    public void Labels_file_beside_image_folders_is_the_train_table()
    {
        var root = ImageTasks.Write(_temp.Combine("labels"), ImageLayout.TestFolder);
        File.Move(Path.Combine(root, "public", "train.csv"), Path.Combine(root, "public", "labels.csv"));

        var task = new TaskLoader().Load(root);

        Assert.EndsWith("labels.csv", task.TrainPath, StringComparison.Ordinal);
        Assert.Equal(["train"], Assert.Single(task.FileColumns).TrainFolders);
    }

    [Fact]
    public void Tabular_task_has_no_file_inputs()
    {
        var task = new TaskLoader().Load(TestPaths.Task("penguin-species"));

        Assert.Empty(task.FileColumns);
        Assert.False(task.TestFromSampleSubmission);
        Assert.DoesNotContain(task.Inferences, i => i.Field is "file_inputs" or "test_set");
    }

    [Fact]
    public void No_test_table_and_no_test_folder_is_a_clear_error()
    {
        var root = ImageTasks.Write(_temp.Combine("no-test"), ImageLayout.TestFolder);
        Directory.Delete(Path.Combine(root, "public", "test"), recursive: true);

        var error = Assert.Throws<UserFacingException>(() => new TaskLoader().Load(root));

        Assert.Contains("no test file found", error.Message, StringComparison.Ordinal);
        Assert.Contains("nor a test folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Staged_input_has_a_test_table_of_the_sample_ids_beside_the_image_folders()
    {
        var task = new TaskLoader().Load(ImageTasks.Write(_temp.Combine("stage"), ImageLayout.TestFolder));

        var input = TaskInput.Prepare(task, _temp.Combine("staged"));

        var test = CsvTable.Read(Path.Combine(input, "test.csv"));
        Assert.Equal(["id"], test.Columns);
        Assert.Equal(CsvTable.Read(task.SampleSubmissionPath).Column("id"), test.Column("id"));
        Assert.Equal(90, Directory.GetFiles(Path.Combine(input, "train"), "*.png").Length);
        Assert.Equal(30, Directory.GetFiles(Path.Combine(input, "test"), "*.png").Length);
    }

    [Fact]
    public void Image_headers_give_width_height_and_colour()
    {
        var png = _temp.Combine("a.png");
        Png.WriteGrey(png, 7, 5, new byte[35]);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, 0x03, 0x01, 0x22, 0x00];
        byte[] gif = [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 0x20, 0x00, 0x10, 0x00];

        Assert.Equal((7, 5, true), ImageHeader.Read(png));
        Assert.Equal((64, 48, false), ImageHeader.Parse(jpeg));
        Assert.Equal((32, 16, false), ImageHeader.Parse(gif));
        Assert.Null(ImageHeader.Parse("not an image"u8));
    }
}
