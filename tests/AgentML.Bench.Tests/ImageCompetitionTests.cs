using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Bench.Tests;

/// <summary>
/// Registered image competitions: the registry's <c>files:</c> and <c>unpack:</c> blocks become the task's file column and
/// test folder, staging unpacks the zipped image folders, and what the registry declares is what Core's own inference
/// finds in the staged folder.
/// </summary>
public sealed class ImageCompetitionTests
{
    private static string DataDir => Path.Combine(AppContext.BaseDirectory, "Parity", "data");

    public static TheoryData<string> ImageCompetitions() =>
        [.. CompetitionRegistry.BuiltIn.Entries.Where(e => e.Files is { Kind: "image" }).Select(e => e.Id).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ImageCompetitions))]
    public void Staged_images_are_where_the_registry_says_and_core_finds_the_same_file_column(string id)
    {
        using var temp = new TempDirectory("agentml-images");
        var competition = Load(id);
        var task = competition.Task;
        var declared = Assert.Single(task.FileColumns);
        Assert.Equal(FileKind.Image, declared.Kind);
        Assert.Equal(declared.Checked, declared.Found);
        Assert.Equal(CompetitionRegistry.BuiltIn.Find(id)!.Test.Length == 0, task.TestFromSampleSubmission);

        var staged = DataStager.Stage(competition, temp.Path);

        var train = CsvTable.Read(Path.Combine(staged, Path.GetRelativePath(task.PublicDirectory, task.TrainPath)));
        var test = CsvTable.Read(Path.Combine(staged, Path.GetRelativePath(task.PublicDirectory, task.TestPath)));
        var inferred = FileInputFinder.Index(staged).Find(train, test, task.TrainTargetColumns).Single(c => c.Column == declared.Column);
        Assert.Equal(inferred.Suffix, declared.Suffix);
        Assert.Equal(inferred.TrainFolders.Order(StringComparer.Ordinal), declared.TrainFolders.Order(StringComparer.Ordinal));
        Assert.Equal(inferred.TestFolders, declared.TestFolders);
        Assert.Equal(inferred.FileCount, declared.FileCount);
        Assert.True(File.Exists(Path.Combine(staged, declared.Example!)), $"{declared.Example} is not in the staged folder");
        Assert.False(Directory.Exists(Path.Combine(staged, "private")));
    }

    [Fact]
    public void Zipped_image_folders_are_read_from_the_archive_and_unpacked_when_staged()
    {
        using var temp = new TempDirectory("agentml-images");
        var competition = Load("aerial-cactus-identification");
        Assert.False(Directory.Exists(Path.Combine(competition.Task.PublicDirectory, "train")));
        Assert.Equal([new StagedArchive("train.zip", "train"), new StagedArchive("test.zip", "test")], competition.Archives);
        Assert.True(competition.Task.TestFromSampleSubmission);
        Assert.Equal("test", competition.Task.TestFolder);
        Assert.Equal(competition.Task.SampleSubmissionPath, competition.Task.TestPath);

        var staged = DataStager.Stage(competition, temp.Path);

        var trainIds = CsvTable.Read(Path.Combine(staged, "train.csv")).Column("id");
        var testIds = CsvTable.Read(Path.Combine(staged, "sample_submission.csv")).Column("id");
        Assert.All(trainIds, image => Assert.True(File.Exists(Path.Combine(staged, "train", image)), $"train/{image} was not unpacked"));
        Assert.All(testIds, image => Assert.True(File.Exists(Path.Combine(staged, "test", image)), $"test/{image} was not unpacked"));
        Assert.True(File.Exists(Path.Combine(staged, "train.zip")), "the archive itself stays, as MLE-bench's agents see it");
    }

    [Theory]
    [InlineData("dogs-vs-cats-redux-kernels-edition", "id,label", "cat.0,cat", "dog.2,dog")]
    [InlineData("plant-seedlings-classification", "species,file", "Black-grass,", "Common Chickweed,")]
    public void Labels_in_the_train_file_paths_become_the_train_table_written_when_staged(string id, string header, string first, string last)
    {
        using var temp = new TempDirectory("agentml-images");
        var competition = Load(id);
        Assert.False(File.Exists(competition.Task.TrainPath), "prepare.py writes no train table");

        var staged = DataStager.Stage(competition, temp.Path);

        var lines = File.ReadAllLines(Path.Combine(staged, "train.csv"));
        Assert.Equal(header, lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith(first, lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(last, StringComparison.Ordinal) || l.StartsWith('"' + last, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_image_folder_or_a_train_column_naming_no_files_is_an_error_naming_it()
    {
        using var temp = new TempDirectory("agentml-images");
        var copy = Copy("histopathologic-cancer-detection", temp.Path);
        var catalog = new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader());

        Directory.Delete(Path.Combine(copy, "prepared", "public", "test"), recursive: true);
        var missing = Assert.Throws<UserFacingException>(() => catalog.LoadOne(copy));
        Assert.Contains(Path.Combine("public", "test"), missing.Message, StringComparison.Ordinal);

        foreach (var file in Directory.GetFiles(Path.Combine(copy, "prepared", "public", "train")))
        {
            File.Move(file, file + ".old");
        }

        Directory.CreateDirectory(Path.Combine(copy, "prepared", "public", "test"));
        var unnamed = Assert.Throws<UserFacingException>(() => catalog.LoadOne(copy));
        Assert.Contains("train_labels.csv", unnamed.Message, StringComparison.Ordinal);
        Assert.Contains("'.tif'", unnamed.Message, StringComparison.Ordinal);
    }

    private static BenchCompetition Load(string id) =>
        new CompetitionCatalog(CompetitionRegistry.BuiltIn, new TaskLoader()).LoadOne(Path.Combine(DataDir, id));

    private static string Copy(string id, string root)
    {
        var source = Path.Combine(DataDir, id);
        var target = Path.Combine(root, id);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
