using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Search.Data;
using AgentML.Search.Engine;
using AgentML.Testing;

namespace AgentML.Search.Tests;

public sealed class FoldPlannerTests
{
    [Fact]
    public void ClassesGetAStratifiedCheckSetAndStratifiedFoldsWithOneHotAnswers()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("penguin-species"));
        var plan = new FoldPlanner().Create(task, new SolveSettings { Seed = 3 }, lowFidelity: true, dir.Path);

        var source = CsvTable.Read(task.TrainPath);
        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        var folds = CsvTable.Read(plan.FoldsPath);
        var test = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "test.csv"));
        var sample = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "sample_submission.csv"));
        var check = CsvTable.Read(plan.CheckAnswersPath);
        var trainAnswers = CsvTable.Read(plan.TrainAnswersPath);
        Assert.Equal(5, plan.FoldCount);
        Assert.Equal(source.Rows.Count, train.Rows.Count + check.Rows.Count);
        Assert.Equal(plan.CheckRows + plan.TaskTestRows, test.Rows.Count);
        Assert.DoesNotContain("species", test.Columns);
        Assert.Equal(["id", "Adelie", "Chinstrap", "Gentoo"], check.Columns);
        Assert.Equal(train.Column("id"), folds.Column("id"));
        Assert.Equal(train.Column("id"), trainAnswers.Column("id"));
        Assert.Equal(check.Column("id"), test.Rows.Take(plan.CheckRows).Select(r => r[0]));
        Assert.Equal(test.Rows.Select(r => r[0]), sample.Rows.Select(r => r[0]));
        Assert.All(check.Rows, r => Assert.Equal(1, r.Skip(1).Count(v => v == "1")));
        Assert.False(File.Exists(Path.Combine(plan.FullInputDirectory, "answers-train.csv")));
        Assert.False(File.Exists(Path.Combine(plan.FullInputDirectory, "answers-check.csv")));

        // Every fold holds each class in about its overall share.
        var species = train.ColumnIndex("species");
        var foldOf = folds.Column("fold");
        foreach (var label in new[] { "Adelie", "Chinstrap", "Gentoo" })
        {
            var members = train.Rows.Select((r, i) => (r, i)).Where(p => p.r[species] == label).Select(p => foldOf[p.i]).ToList();
            Assert.All(Enumerable.Range(0, 5), k => Assert.InRange(members.Count(f => f == k.ToString(CultureInfo.InvariantCulture)), (members.Count / 5) - 1, (members.Count / 5) + 1));
        }

        var low = CsvTable.Read(Path.Combine(plan.LowInputDirectory!, "train.csv"));
        var lowFolds = CsvTable.Read(Path.Combine(plan.LowInputDirectory!, FoldPlan.FoldsFile));
        Assert.Equal(plan.LowTrainRows, low.Rows.Count);
        Assert.Equal(low.Column("id"), lowFolds.Column("id"));
        var foldById = folds.Column("id").Zip(foldOf).ToDictionary(p => p.First, p => p.Second);
        Assert.All(lowFolds.Rows, r => Assert.Equal(foldById[r[0]], r[1]));
        Assert.Equal(plan.CheckRows, CsvTable.Read(Path.Combine(plan.LowInputDirectory!, "test.csv")).Rows.Count);
    }

    [Fact]
    public void RareClassesDownToOneMemberStayInTrainingAndDoNotBreakTheFolds()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("task");
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        var rows = Enumerable.Range(1, 120).Select(i => (Id: i, Label: i == 1 ? "solo" : i <= 3 ? "pair" : i % 2 == 0 ? "a" : "b")).ToList();
        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), "id,x,label\n" + string.Concat(rows.Select(r => $"{r.Id},{r.Id % 7},{r.Label}\n")));
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), "id,x\n" + string.Concat(Enumerable.Range(500, 20).Select(i => $"{i},{i % 7}\n")));
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), "id,label\n" + string.Concat(Enumerable.Range(500, 20).Select(i => $"{i},a\n")));
        var task = new TaskLoader().Load(folder, new TaskLoadOptions { Metric = "accuracy" });

        var plan = new FoldPlanner().Create(task, new SolveSettings { Seed = 5 }, lowFidelity: false, dir.Combine("plan"));

        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        Assert.Contains("solo", train.Column("label"));
        Assert.Equal(2, train.Column("label").Count(l => l == "pair"));
        Assert.DoesNotContain(CsvTable.Read(plan.CheckAnswersPath).Column("label"), l => l is "solo" or "pair");
        var folds = CsvTable.Read(plan.FoldsPath).Column("fold").Distinct().Order().ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], folds);
    }

    [Fact]
    public void TrainingDataWithoutIdsGetRowNumbersAndRowsWithoutALabelAreLeftOut()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("task");
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), "x,y\n" + string.Concat(Enumerable.Range(1, 80).Select(i => $"{i},{(i == 7 ? "" : (i * 2).ToString(CultureInfo.InvariantCulture))}\n")));
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), "id,x\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},{i}\n")));
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), "id,y\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},0\n")));
        var task = new TaskLoader().Load(folder, new TaskLoadOptions { Metric = "rmse" });

        var plan = new FoldPlanner().Create(task, new SolveSettings { Seed = 1 }, lowFidelity: false, dir.Combine("plan"));

        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        Assert.Equal(["id", "x", "y"], train.Columns);
        Assert.Equal(79, plan.TrainRows + plan.CheckRows);
        Assert.DoesNotContain("7", train.Column("id"));
        var test = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "test.csv")).Column("id");
        Assert.Equal(test.Length, test.Distinct().Count()); // check ids were renumbered past the task's test ids
        Assert.Equal("binned", plan.Strategy);
    }

    [Fact]
    public void TheFullInputCarriesTheTasksTestRowsAfterTheCheckRowsButTheLowInputDoesNot()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("titanic-full"));
        var plan = new FoldPlanner().Create(task, new SolveSettings { Seed = 1 }, lowFidelity: true, dir.Path);

        var realTest = CsvTable.Read(task.TestPath);
        var realSample = CsvTable.Read(task.SampleSubmissionPath);
        var test = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "test.csv"));
        var sample = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "sample_submission.csv"));
        Assert.True(plan.PredictsTaskTest);
        Assert.Equal(realTest.Rows.Count, plan.TaskTestRows);
        Assert.Equal(realTest.Column("id"), test.Rows.Skip(plan.CheckRows).Select(r => r[test.ColumnIndex("id")]));
        Assert.Equal(realTest.Rows[0][realTest.ColumnIndex("name")], test.Rows[plan.CheckRows][test.ColumnIndex("name")]);
        Assert.Equal(realSample.Column("id"), sample.Rows.Skip(plan.CheckRows).Select(r => r[0]));
        Assert.Equal(plan.CheckRows, CsvTable.Read(Path.Combine(plan.LowInputDirectory!, "test.csv")).Rows.Count);

        var off = new FoldPlanner().Create(task, new SolveSettings { Seed = 1, PredictTestDuringSearch = false }, false, dir.Combine("off"));
        Assert.False(off.PredictsTaskTest);
        Assert.Equal(off.CheckRows, CsvTable.Read(Path.Combine(off.FullInputDirectory, "test.csv")).Rows.Count);
    }

    [Fact]
    public void AFeatureColumnTheTestRowsLackIsLeftOutOfTrainingAndNamedButNoColumnInCommonKeepsEveryColumn()
    {
        using var dir = new TempDirectory();
        string Task(string name, string testHeader, Func<int, string> testRow)
        {
            var folder = dir.Combine(name);
            Directory.CreateDirectory(Path.Combine(folder, "public"));
            File.WriteAllText(Path.Combine(folder, "public", "train.csv"), "id,a,b,y\n" + string.Concat(Enumerable.Range(1, 80).Select(i => $"{i},{i % 7},{i % 3},{i * 2}\n")));
            File.WriteAllText(Path.Combine(folder, "public", "test.csv"), testHeader + "\n" + string.Concat(Enumerable.Range(101, 10).Select(i => testRow(i) + "\n")));
            File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), "id,y\n" + string.Concat(Enumerable.Range(101, 10).Select(i => $"{i},0\n")));
            return folder;
        }

        var lacksB = new TaskLoader().Load(Task("lacks-b", "id,a,extra", i => $"{i},{i % 7},x"), new TaskLoadOptions { Metric = "rmse" });
        var plan = new FoldPlanner().Create(lacksB, new SolveSettings { Seed = 1 }, lowFidelity: false, dir.Combine("plan"));
        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        var test = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "test.csv"));
        Assert.True(plan.PredictsTaskTest);
        Assert.Equal(["b"], plan.TestLacksColumns);
        Assert.Equal(["id", "a", "y"], train.Columns);
        Assert.Equal(["id", "a"], test.Columns); // neither b nor the test's extra column is staged
        Assert.Equal("3", test.Rows[plan.CheckRows][1]); // row 101: a = 101 % 7

        var onlyIds = new TaskLoader().Load(Task("only-ids", "id,other", i => $"{i},x"), new TaskLoadOptions { Metric = "rmse" });
        var none = new FoldPlanner().Create(onlyIds, new SolveSettings { Seed = 1 }, lowFidelity: false, dir.Combine("none"));
        Assert.False(none.PredictsTaskTest);
        Assert.Empty(none.TestLacksColumns);
        Assert.Equal(["id", "a", "b", "y"], CsvTable.Read(Path.Combine(none.FullInputDirectory, "train.csv")).Columns);
    }

    [Fact]
    public void AGroupColumnKeepsEachEntitysRowsInOneFoldAndOutOfTheCheckSetTogether()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("task");
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        // 60 patients with 2-8 visits each; the label depends on the patient, so a split of a patient's visits leaks.
        var rows = Enumerable.Range(0, 60).SelectMany(p => Enumerable.Range(0, 2 + (p % 7)).Select(v => $"p{p},{v},{(p % 3 == 0 ? "yes" : "no")}")).ToList();
        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), "patient,visit,sick\n" + string.Concat(rows.Select(r => r + "\n")));
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), "id,patient,visit\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},q{i},1\n")));
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), "id,sick\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},no\n")));
        File.WriteAllText(Path.Combine(folder, "competition.yaml"), "id: visits\nmetric: accuracy\nid_column: id\ntarget_columns: [sick]\ngroup_column: patient\n");
        var task = new TaskLoader().Load(folder);

        var plan = new FoldPlanner().Create(task, new SolveSettings { Seed = 4 }, lowFidelity: false, dir.Combine("plan"));

        Assert.Equal("grouped", plan.Strategy);
        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        var folds = CsvTable.Read(plan.FoldsPath).Column("fold");
        var patients = train.Column("patient");
        Assert.All(patients.Zip(folds).GroupBy(p => p.First), g => Assert.Single(g.Select(p => p.Second).Distinct()));
        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToList();
        Assert.Equal(5, sizes.Count);
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 8); // the largest patient has 8 visits
        Assert.True(plan.CheckRows > 0);
        var source = CsvTable.Read(task.TrainPath);
        var inTrain = patients.ToHashSet(StringComparer.Ordinal);
        var checkPatients = source.Column("patient").Distinct().Where(p => !inTrain.Contains(p)).ToList();
        Assert.NotEmpty(checkPatients);
        Assert.Equal(plan.CheckRows, source.Column("patient").Count(checkPatients.Contains)); // every visit of a check patient is in the check set

        File.WriteAllText(Path.Combine(folder, "competition.yaml"), "id: visits\nmetric: accuracy\nid_column: id\ntarget_columns: [sick]\ngroup_column: person\n");
        var error = Assert.Throws<UserFacingException>(() => new TaskLoader().Load(folder));
        Assert.Contains("group_column 'person' is not a column of", error.Message, StringComparison.Ordinal);
        Assert.Contains("competition.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATimeColumnMakesTheLatestRowsTheCheckSetAndTheFoldsBlocksOfTime()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("task");
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        // 200 days in a shuffled order, as a file sorted by something else would hold them.
        var days = Enumerable.Range(0, 200).OrderBy(d => (d * 37) % 200).ToList();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), "day,x,sales\n" + string.Concat(days.Select(d => string.Create(CultureInfo.InvariantCulture, $"{start.AddDays(d):yyyy-MM-dd},{d % 9},{d * 2}\n"))));
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), "id,day,x\n" + string.Concat(Enumerable.Range(1, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{start.AddDays(200 + i):yyyy-MM-dd},1\n"))));
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), "id,sales\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},0\n")));
        File.WriteAllText(Path.Combine(folder, "competition.yaml"), "id: sales\nmetric: rmse\nid_column: id\ntarget_columns: [sales]\ntime_column: day\n");

        var plan = new FoldPlanner().Create(new TaskLoader().Load(folder), new SolveSettings { Seed = 2 }, lowFidelity: false, dir.Combine("plan"));

        Assert.Equal("time-blocked", plan.Strategy);
        var train = CsvTable.Read(Path.Combine(plan.FullInputDirectory, "train.csv"));
        var trainDays = train.Column("day").Select(d => DateTime.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(20, plan.CheckRows);
        Assert.Equal(start.AddDays(179), trainDays.Max()); // the 20 latest days are the check set
        var folds = CsvTable.Read(plan.FoldsPath).Column("fold").Select(int.Parse).ToArray();
        var spans = Enumerable.Range(0, 5).Select(k => (First: trainDays.Where((_, i) => folds[i] == k).Min(), Last: trainDays.Where((_, i) => folds[i] == k).Max())).ToList();
        Assert.All(Enumerable.Range(0, 4), k => Assert.True(spans[k].Last < spans[k + 1].First)); // fold k is the k-th block of time
        Assert.All(spans, s => Assert.Equal(35, (s.Last - s.First).Days));
    }

    [Fact]
    public void TheFoldsAreSeeded()
    {
        using var dir = new TempDirectory();
        var task = new TaskLoader().Load(TestPaths.Task("titanic-full"));
        string Folds(int seed, string name) => File.ReadAllText(new FoldPlanner().Create(task, new SolveSettings { Seed = seed }, false, dir.Combine(name)).FoldsPath);
        Assert.Equal(Folds(1, "a"), Folds(1, "b"));
        Assert.NotEqual(Folds(1, "a"), Folds(2, "c"));
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
