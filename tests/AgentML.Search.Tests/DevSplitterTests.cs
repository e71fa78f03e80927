using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Search.Data;
using AgentML.Search.Engine;
using AgentML.Testing;

namespace AgentML.Search.Tests;

public sealed class DevSplitterTests
{
    [Fact]
    public void PerClassProbabilityTasksGetAStratifiedSplitWithOneHotAnswers()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("penguin-species"));
        var split = new DevSplitter().Create(task, new SolveSettings { Seed = 3 }, lowFidelity: true, dir.Path);

        var source = CsvTable.Read(task.TrainPath);
        var train = CsvTable.Read(Path.Combine(split.FullInputDirectory, "train.csv"));
        var test = CsvTable.Read(Path.Combine(split.FullInputDirectory, "test.csv"));
        var sample = CsvTable.Read(Path.Combine(split.FullInputDirectory, "sample_submission.csv"));
        var answers = CsvTable.Read(split.AnswersPath);
        var held = test.Rows.Take(split.TestRows).ToList();
        Assert.Equal(source.Rows.Count, train.Rows.Count + held.Count);
        Assert.Equal(split.TestRows + split.TaskTestRows, test.Rows.Count);
        Assert.DoesNotContain("species", test.Columns);
        Assert.Equal(["id", "Adelie", "Chinstrap", "Gentoo"], answers.Columns);
        Assert.Equal(held.Select(r => r[0]), answers.Rows.Select(r => r[0]));
        Assert.Equal(test.Rows.Select(r => r[0]), sample.Rows.Select(r => r[0]));
        Assert.All(answers.Rows, r => Assert.Equal(1, r.Skip(1).Count(v => v == "1")));
        Assert.False(File.Exists(Path.Combine(split.FullInputDirectory, "answers.csv")));

        var species = source.ColumnIndex("species");
        var byId = source.Rows.ToDictionary(r => r[0], r => r[species]);
        foreach (var row in answers.Rows)
        {
            Assert.Equal("1", row[answers.ColumnIndex(byId[row[0]])]);
        }

        double Share(IEnumerable<string> labels, string label) => labels.Count(l => l == label) / (double)labels.Count();
        var testLabels = answers.Rows.Select(r => answers.Columns[Array.IndexOf(r, "1")]).ToList();
        var allLabels = source.Rows.Select(r => r[species]).ToList();
        foreach (var label in new[] { "Adelie", "Chinstrap", "Gentoo" })
        {
            Assert.InRange(Share(testLabels, label) - Share(allLabels, label), -0.03, 0.03);
        }

        var low = CsvTable.Read(Path.Combine(split.LowInputDirectory!, "train.csv"));
        Assert.Equal(split.LowTrainRows, low.Rows.Count);
        Assert.InRange(low.Rows.Count, 40, train.Rows.Count / 3);
        Assert.Equal(3, low.Rows.Select(r => r[species]).Distinct().Count());
    }

    [Fact]
    public void TheFullInputCarriesTheTasksTestRowsAfterTheHeldOutOnesButTheLowInputDoesNot()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("titanic-full"));
        var split = new DevSplitter().Create(task, new SolveSettings { Seed = 1 }, lowFidelity: true, dir.Path);

        var realTest = CsvTable.Read(task.TestPath);
        var realSample = CsvTable.Read(task.SampleSubmissionPath);
        var test = CsvTable.Read(Path.Combine(split.FullInputDirectory, "test.csv"));
        var sample = CsvTable.Read(Path.Combine(split.FullInputDirectory, "sample_submission.csv"));
        Assert.True(split.PredictsTaskTest);
        Assert.Equal(realTest.Rows.Count, split.TaskTestRows);
        Assert.Equal(realTest.Column("id"), test.Rows.Skip(split.TestRows).Select(r => r[test.ColumnIndex("id")]));
        Assert.Equal(realTest.Rows[0][realTest.ColumnIndex("name")], test.Rows[split.TestRows][test.ColumnIndex("name")]);
        Assert.Equal(realSample.Column("id"), sample.Rows.Skip(split.TestRows).Select(r => r[0]));
        Assert.Equal(split.TestRows, CsvTable.Read(split.AnswersPath).Rows.Count);
        Assert.Equal(split.TestRows, CsvTable.Read(Path.Combine(split.LowInputDirectory!, "test.csv")).Rows.Count);

        var off = new DevSplitter().Create(task, new SolveSettings { Seed = 1, PredictTestDuringSearch = false }, false, dir.Combine("off"));
        Assert.False(off.PredictsTaskTest);
        Assert.Equal(off.TestRows, CsvTable.Read(Path.Combine(off.FullInputDirectory, "test.csv")).Rows.Count);
    }

    [Fact]
    public void TheSplitIsSeeded()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("titanic-full"));
        string TestIds(int seed, string name) =>
            string.Join(",", CsvTable.Read(Path.Combine(new DevSplitter().Create(task, new SolveSettings { Seed = seed }, false, dir.Combine(name)).FullInputDirectory, "test.csv")).Rows.Select(r => r[0]));
        Assert.Equal(TestIds(1, "a"), TestIds(1, "b"));
        Assert.NotEqual(TestIds(1, "a"), TestIds(2, "c"));
    }

    [Fact]
    public void FinalSubmissionsAreCheckedAgainstTheSampleAndReordered()
    {
        using var dir = new TempDirectory();
        var sample = dir.Combine("sample.csv");
        File.WriteAllText(sample, "id,a,b\n1,0,0\n2,0,0\n");
        var good = dir.Combine("good.csv");
        File.WriteAllText(good, "b,id,a\n0.5,2,0.5\n0.1,1,0.9\n");
        var (table, error) = SubmissionValidator.Validate(good, sample, "id");
        Assert.Null(error);
        Assert.Equal(["id", "a", "b"], table!.Columns);
        Assert.Equal(["1", "0.9", "0.1"], table.Rows[0]);

        File.WriteAllText(good, "id,a\n1,0\n2,0\n");
        Assert.Contains("missing: b", SubmissionValidator.Validate(good, sample, "id").Error, StringComparison.Ordinal);
        File.WriteAllText(good, "id,a,b\n1,0,0\n3,0,0\n");
        Assert.Contains("id 2", SubmissionValidator.Validate(good, sample, "id").Error, StringComparison.Ordinal);
        File.WriteAllText(good, "id,a,b\n1,0,0\n2,,0\n");
        Assert.Contains("empty", SubmissionValidator.Validate(good, sample, "id").Error, StringComparison.Ordinal);
    }
}
