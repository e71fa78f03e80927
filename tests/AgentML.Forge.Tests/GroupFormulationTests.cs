using System.Globalization;
using AgentML.Core.Data;
using AgentML.Forge.Llm;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>
/// Tasks whose rows come in groups: posed for unseen groups first (whole groups held out) and, when a baseline cannot
/// learn that, for known groups (the group code a feature): their later rows when a time column varies within the
/// groups, else other rows. Tables shaped like repeated measures (subjects measured monthly) and store panels, where the
/// outcome is mostly the group's own level and the other columns say little.
/// </summary>
public sealed class GroupFormulationTests
{
    private const int Groups = 60;

    /// <summary>Measurements per subject: enough that the baseline (gradient boosting reads a category with at least 10 train rows) can learn a subject's level.</summary>
    private const int Months = 20;

    /// <summary>
    /// subject (a label such as S07, rows in blocks), month (1..20 within each subject) when <paramref name="withTime"/>,
    /// diet (a treatment, weak), yield: the subject's level plus noise, or plus a strong diet effect when
    /// <paramref name="dietMatters"/> (then unseen subjects are predictable).
    /// </summary>
    private static string WritePanel(TempDirectory temp, bool withTime = true, bool dietMatters = false)
    {
        var random = new Random(7);
        var rows = new List<string[]>();
        string[] diets = ["barley", "lupins", "mixed"];
        for (var s = 0; s < Groups; s++)
        {
            var level = Gaussian(random) * 1.0;
            var diet = diets[s % 3];
            for (var month = 1; month <= Months; month++)
            {
                var effect = (dietMatters ? 3.0 : 0.1) * (s % 3);
                var value = 10 + level + effect + (Gaussian(random) * 0.4);
                string[] cells = [$"S{s + 1:00}", .. withTime ? [ForgeTestData.Number(month)] : Array.Empty<string>(), diet, ForgeTestData.Number(Math.Round(value, 3))];
                rows.Add(cells);
            }
        }

        var path = temp.Combine(withTime ? "panel.csv" : "panel-no-time.csv");
        new CsvTable(["subject", .. withTime ? ["month"] : Array.Empty<string>(), "diet", "yield"], rows).Write(path);
        return path;
    }

    /// <summary>store (an integer code, rows in blocks), promo (0/1, weak), sales: the store's level plus noise; no time column.</summary>
    private static string WriteStores(TempDirectory temp)
    {
        var random = new Random(11);
        var rows = new List<string[]>();
        for (var s = 0; s < Groups; s++)
        {
            var level = 100 + (Gaussian(random) * 20);
            for (var k = 0; k < 15; k++)
            {
                var promo = random.Next(2);
                rows.Add([ForgeTestData.Number(101 + s), ForgeTestData.Number(promo), ForgeTestData.Number(Math.Round(level + promo + (Gaussian(random) * 6), 1))]);
            }
        }

        var path = temp.Combine("stores.csv");
        new CsvTable(["store", "promo", "sales"], rows).Write(path);
        return path;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static async Task<(RawDataset Data, TaskCandidate Candidate)> YieldCandidate(string path)
    {
        var data = ForgeTestData.Read(path);
        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 50, CancellationToken.None);
        return (data, Assert.Single(candidates, c => c.Target == "yield" && c.Variant is null));
    }

    [Fact]
    public async Task A_measurement_whose_name_sounds_like_an_entity_is_not_a_group()
    {
        using var temp = new TempDirectory("forge-measurement");
        var random = new Random(5);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var promo = random.Next(2);
            return (string[])[ForgeTestData.Number(promo), ForgeTestData.Number(Math.Round(15 + (10 * random.NextDouble()), 1)), ForgeTestData.Number(100.5 + random.Next(30) + (20 * promo))];
        }).ToList();
        var path = temp.Combine("daily.csv");
        new CsvTable(["promo", "temperature", "store_sales"], rows).Write(path);
        var data = ForgeTestData.Read(path);
        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 50, CancellationToken.None);

        var design = await new BuiltinDesigner(ForgeTestData.Knowledge).DesignAsync(data, Assert.Single(candidates, c => c.Target == "promo" && c.Variant is null), CancellationToken.None);

        Assert.NotEqual(SplitKind.Group, design.Split.Kind); // store_sales (100.5, 101.5, ...) repeats and names a store, but it is a quantity
        Assert.Null(CompetitionFile.GroupColumn(design));
    }

    [Fact]
    public void An_integer_that_only_fixes_a_column_which_barely_varies_is_not_a_code()
    {
        // Ames houses: every First_Flr_SF value "fixes" Utilities, which is AllPub on 2,927 of 2,930 rows; that says
        // nothing about groups, and square footage is a quantity (each house is its own entity).
        var data = ForgeTestData.Read(Path.Combine(TestPaths.RawDatasets, "modeldata__ames.csv"));

        Assert.DoesNotContain("First_Flr_SF", data.Codes);
        Assert.DoesNotContain("First_Flr_SF", data.GroupColumns);
    }

    [Fact]
    public async Task Known_groups_are_posed_for_their_later_rows_when_a_time_column_varies_within_groups_else_for_other_rows()
    {
        using var temp = new TempDirectory("forge-known-groups");
        var (data, candidate) = await YieldCandidate(WritePanel(temp));
        var designer = new BuiltinDesigner(ForgeTestData.Knowledge);

        var unseen = await designer.DesignAsync(data, candidate, CancellationToken.None);
        Assert.Equal((SplitKind.Group, "subject", (string?)null), (unseen.Split.Kind, unseen.Split.Column, unseen.Split.KnownGroup));
        Assert.Equal("subject", CompetitionFile.GroupColumn(unseen)); // solve's folds keep a subject's rows together, as the test split did

        var later = await designer.DesignAsync(data, candidate with { Groups = GroupFormulation.LaterRowsOfKnownGroups }, CancellationToken.None);
        Assert.Equal((SplitKind.Time, "month", "subject"), (later.Split.Kind, later.Split.Column, later.Split.KnownGroup));
        Assert.Null(CompetitionFile.GroupColumn(later)); // test subjects are seen in train: no group column for the folds
        Assert.Equal("month", CompetitionFile.TimeColumn(later)); // but the latest months are the test: the folds follow time
        Assert.Null(CompetitionFile.TimeColumn(unseen));
        Assert.Contains("subject", later.Features);
        Assert.Contains("predict the later measurements of known `subject` groups", later.Description, StringComparison.Ordinal);
        Assert.Contains("with whole subject groups held out a baseline did not beat a constant prediction", later.Description, StringComparison.Ordinal);

        var other = await designer.DesignAsync(data, candidate with { Groups = GroupFormulation.OtherRowsOfKnownGroups }, CancellationToken.None);
        Assert.Equal((SplitKind.Random, "subject"), (other.Split.Kind, other.Split.KnownGroup));
        Assert.Contains("nor with their latest rows by month held out", other.Split.Reason, StringComparison.Ordinal);

        var (flat, flatCandidate) = await YieldCandidate(WritePanel(temp, withTime: false));
        var rows = await designer.DesignAsync(flat, flatCandidate with { Groups = GroupFormulation.LaterRowsOfKnownGroups }, CancellationToken.None);
        Assert.Equal((SplitKind.Random, "subject"), (rows.Split.Kind, rows.Split.KnownGroup));
        Assert.Contains("predict further rows of known `subject` groups", rows.Description, StringComparison.Ordinal);

        // The later rows of known groups: every test subject has earlier rows in train, and no train row is later.
        var forged = await new BuiltinRefactorer().WriteAsync(data, later, temp.Combine("later"), seed: 3, CancellationToken.None);
        var result = await new StructuralVerifier(new VerificationOptions()).VerifyAsync(forged, CancellationToken.None);
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
        Assert.Contains("100% of test rows belong to subject groups seen in train", Assert.Single(result.Checks, c => c.Name == "known-groups").Detail, StringComparison.Ordinal);
        var train = CsvTable.Read(Path.Combine(forged.Folder, "public", "train.csv"));
        var test = CsvTable.Read(Path.Combine(forged.Folder, "public", "test.csv"));
        Assert.True(MonthsOf(train).Max() < MonthsOf(test).Min());
    }

    private static IEnumerable<int> MonthsOf(CsvTable table) =>
        table.Rows.Select(r => int.Parse(r[table.ColumnIndex("month")], CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_model_cannot_turn_a_known_groups_design_back_into_a_group_split()
    {
        using var temp = new TempDirectory("forge-known-groups-llm");
        var (data, candidate) = await YieldCandidate(WritePanel(temp));
        var designer = new BuiltinDesigner(ForgeTestData.Knowledge);
        var later = await designer.DesignAsync(data, candidate with { Groups = GroupFormulation.LaterRowsOfKnownGroups }, CancellationToken.None);
        var notes = new List<string>();

        var split = new DesignValidator(designer).Split(data, later, new SplitIdea { Kind = "group", Column = "subject", Reason = "subjects differ" }, notes);

        Assert.Same(later.Split, split);
        Assert.Contains("fixed by the known-groups formulation", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_posed_for_known_groups_fails_the_structural_check_when_its_test_groups_are_unseen()
    {
        using var temp = new TempDirectory("forge-known-groups-check");
        var (data, candidate) = await YieldCandidate(WritePanel(temp));
        var unseen = await new BuiltinDesigner(ForgeTestData.Knowledge).DesignAsync(data, candidate, CancellationToken.None);
        var mislabelled = unseen with { Split = unseen.Split with { KnownGroup = "subject" } };

        var forged = await new BuiltinRefactorer().WriteAsync(data, mislabelled, temp.Combine("task"), seed: 1, CancellationToken.None);
        var result = await new StructuralVerifier(new VerificationOptions()).VerifyAsync(forged, CancellationToken.None);

        var check = Assert.Single(result.Checks, c => c.Name == "known-groups");
        Assert.False(check.Passed);
        Assert.Contains("only 0% of test rows", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_panel_not_learnable_for_unseen_subjects_is_posed_for_their_later_months_and_accepted()
    {
        using var temp = new TempDirectory("forge-panel");
        var path = WritePanel(temp);
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 1, Seed = 0 };

        var report = await ForgeTestData.Runner(request, execution: true).RunAsync(request, null, CancellationToken.None);

        var task = Assert.Single(Assert.Single(report.Files).Tasks, t => t.Target == "yield");
        Assert.True(task.Accepted, string.Join("; ", [task.Split, .. task.Notes, .. task.Dropped.Select(d => d.Name + ": " + d.Reason), .. task.Reasons]));
        Assert.StartsWith("time: posed for known subject groups", task.Split, StringComparison.Ordinal);
        var note = Assert.Single(task.Notes, n => n.StartsWith("reformulated:", StringComparison.Ordinal));
        Assert.Contains("posed for unseen subject groups (whole groups held out), the task was not learnable (rmse:", note, StringComparison.Ordinal);
        Assert.EndsWith("posed for the later rows of known subject groups (the latest by month held out) and verified again: accepted", note, StringComparison.Ordinal);
        Assert.Contains(task.Checks, c => c.Name == "known-groups" && c.Passed);
        Assert.Contains("subject", File.ReadLines(Path.Combine(task.Folder, "public", "test.csv")).First());
        Assert.Contains("predict the later measurements of known `subject` groups", File.ReadAllText(Path.Combine(task.Folder, "description.md")), StringComparison.Ordinal);
        Assert.Contains("posed for the later rows of known subject groups", File.ReadAllText(Path.Combine(request.Output, "forge-report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_without_a_time_column_are_posed_for_other_rows_of_known_stores_read_as_categories()
    {
        using var temp = new TempDirectory("forge-stores");
        var path = WriteStores(temp);
        var data = ForgeTestData.Read(path);
        Assert.Contains("store", data.Codes);
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 1, Seed = 0 };

        var report = await ForgeTestData.Runner(request, execution: true).RunAsync(request, null, CancellationToken.None);

        var task = Assert.Single(Assert.Single(report.Files).Tasks, t => t.Target == "sales");
        Assert.True(task.Accepted, string.Join("; ", task.Reasons));
        Assert.StartsWith("random: posed for known store groups", task.Split, StringComparison.Ordinal);
        var note = Assert.Single(task.Notes, n => n.StartsWith("reformulated:", StringComparison.Ordinal));
        Assert.EndsWith("posed for other rows of known store groups (random rows held out) and verified again: accepted", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unseen_groups_formulation_is_kept_when_it_is_learnable()
    {
        using var temp = new TempDirectory("forge-unseen-kept");
        var path = WritePanel(temp, dietMatters: true);
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 1, Seed = 0 };

        var report = await ForgeTestData.Runner(request, execution: true).RunAsync(request, null, CancellationToken.None);

        var task = Assert.Single(Assert.Single(report.Files).Tasks, t => t.Target == "yield");
        Assert.True(task.Accepted, string.Join("; ", task.Reasons));
        Assert.StartsWith("group: subject repeats", task.Split, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Notes, n => n.StartsWith("reformulated:", StringComparison.Ordinal));
    }
}
