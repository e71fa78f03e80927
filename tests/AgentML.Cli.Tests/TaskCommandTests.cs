using System.Text.Json;
using AgentML.Testing;

namespace AgentML.Cli.Tests;

public sealed class TaskCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-cli-task");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Inspect_prints_inferences_and_profile()
    {
        var (code, stdout, _) = await TaskCommandRunner.RunAsync("inspect", TestPaths.Task("penguin-species"), "--ignore-yaml");

        Assert.Equal(0, code);
        Assert.Contains("log_loss", stdout, StringComparison.Ordinal);
        Assert.Contains("logarithmic loss", stdout, StringComparison.Ordinal);
        Assert.Contains("species", stdout, StringComparison.Ordinal);
        Assert.Contains("bill_length_mm", stdout, StringComparison.Ordinal);
        Assert.Contains("Class counts", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_run_without_an_input_folder_says_the_option_is_required()
    {
        var program = _temp.Combine("solution.py");
        File.WriteAllText(program, "print('hi')\n");

        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("sandbox", "run", program);

        Assert.NotEqual(0, code);
        Assert.Contains("--input <DIR> is required", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_json_has_task_inferences_and_profile()
    {
        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("inspect", TestPaths.Task("titanic-full"), "--ignore-yaml", "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var task = doc.RootElement.GetProperty("task");
        Assert.Equal("accuracy", task.GetProperty("metric").GetString());
        Assert.Equal("id", task.GetProperty("id_column").GetString());
        Assert.Equal("binary", task.GetProperty("task_type").GetString());
        Assert.Equal("yes", task.GetProperty("positive_label").GetString());
        Assert.Contains(doc.RootElement.GetProperty("inferences").EnumerateArray(), i => i.GetProperty("field").GetString() == "metric");
        var columns = doc.RootElement.GetProperty("profile").GetProperty("columns").EnumerateArray().ToList();
        Assert.Contains(columns, c => c.GetProperty("name").GetString() == "name" && c.GetProperty("kind").GetString() == "text");
        Assert.Equal(1655, doc.RootElement.GetProperty("profile").GetProperty("train_rows").GetInt32());
    }

    [Fact]
    public async Task Inspect_reports_image_inputs_and_test_ids_of_an_image_folder_task()
    {
        var folder = ImageTasks.Write(_temp.Combine("images"), ImageLayout.TestFolder);

        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("inspect", folder, "--json");
        var (textCode, text, _) = await TaskCommandRunner.RunAsync("inspect", folder);

        Assert.True(code == 0 && textCode == 0, stderr);
        var task = JsonDocument.Parse(stdout).RootElement.GetProperty("task");
        Assert.True(task.GetProperty("test_from_sample_submission").GetBoolean());
        Assert.Equal("test", task.GetProperty("test_folder").GetString());
        var images = Assert.Single(task.GetProperty("file_columns").EnumerateArray());
        Assert.Equal(("id", "image", ".png"), (images.GetProperty("column").GetString(), images.GetProperty("kind").GetString(), images.GetProperty("suffix").GetString()));
        Assert.Contains("folder test/, ids from the sample submission's 'id'", text, StringComparison.Ordinal);
        Assert.Contains("image files named by 'id' + '.png'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_prints_the_report_for_a_valid_submission()
    {
        var task = TestPaths.Task("ames-house-prices");

        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("grade", task, Path.Combine(task, "public", "sample_submission.csv"));

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(16, root.EnumerateObject().Count());
        Assert.Equal("ames-house-prices", root.GetProperty("competition_id").GetString());
        Assert.True(root.GetProperty("valid_submission").GetBoolean());
        Assert.True(root.GetProperty("score").GetDouble() > 0.1);
        Assert.True(root.GetProperty("is_lower_better").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gold_threshold").ValueKind);
    }

    [Fact]
    public async Task Grade_reports_an_invalid_submission_with_exit_code_zero()
    {
        var bad = _temp.Combine("submission.csv");
        File.WriteAllText(bad, "id,price\n4,1.0\n4,2.0\n");

        var (code, stdout, _) = await TaskCommandRunner.RunAsync("grade", TestPaths.Task("diamond-prices"), bad);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("valid_submission").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("score").ValueKind);
        Assert.Contains("rows", doc.RootElement.GetProperty("invalid_reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_submission_is_reported_not_thrown()
    {
        var (code, stdout, _) = await TaskCommandRunner.RunAsync("grade", TestPaths.Task("penguin-species"), _temp.Combine("missing.csv"));

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("submission_exists").GetBoolean());
    }

    [Fact]
    public async Task Missing_task_folder_is_a_one_line_error_with_exit_code_two()
    {
        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("inspect", _temp.Combine("no-such-task"));

        Assert.Equal(2, code);
        var output = (stdout + stderr).Trim();
        Assert.Contains("not found", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
