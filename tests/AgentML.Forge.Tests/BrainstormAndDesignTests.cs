using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class BrainstormAndDesignTests
{
    private static readonly ForgeKnowledge Knowledge = ForgeTestData.Knowledge;

    [Fact]
    public async Task Candidates_are_diverse_and_fit_their_targets()
    {
        var data = ForgeTestData.Read(ForgeTestData.Penguins);
        var all = await new BuiltinBrainstormer(Knowledge).BrainstormAsync(data, 20, CancellationToken.None);
        var candidates = all.Where(c => c.Variant is null).ToArray();

        Assert.Equal(candidates.Length, candidates.Select(c => c.Target).Distinct().Count());
        Assert.All(all.Where(c => c.Variant is not null), v => Assert.True(v.Rank > candidates.Max(c => c.Rank), "harder variants come after every main candidate"));
        Assert.True(candidates.Take(3).Select(c => c.TaskType).Distinct().Count() >= 2, "the first three candidates mix task types");
        var species = Assert.Single(candidates, c => c.Target == "species");
        Assert.Equal(TaskType.Multiclass, species.TaskType);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], species.Classes);
        Assert.DoesNotContain(candidates, c => c.Target == "year");
        Assert.Equal(TaskType.Regression, Assert.Single(candidates, c => c.Target == "body_mass_g").TaskType);
    }

    [Fact]
    public async Task Metrics_follow_the_target_distribution()
    {
        var credit = ForgeTestData.Read(Path.Combine(TestPaths.RawDatasets, "modeldata__credit_data.csv"));
        var candidates = await new BuiltinBrainstormer(Knowledge).BrainstormAsync(credit, 50, CancellationToken.None);
        var status = Assert.Single(candidates, c => c.Target == "Status" && c.Variant is null);
        Assert.Equal(MetricNames.RocAuc, status.Metric);
        Assert.Equal("bad", status.PositiveLabel);
        Assert.Equal(MetricNames.Rmsle, Assert.Single(candidates, c => c.Target == "Price").Metric);
    }

    [Fact]
    public async Task Designer_drops_identifiers_and_columns_derived_from_the_target_and_splits_by_time_when_rows_are_ordered()
    {
        using var temp = new TempDirectory("forge-design");
        var path = temp.Combine("penguins-derived.csv");
        // "is_gentoo" is a coarsening of species (post-outcome style); "ref_code" a near-id; "survey_year" orders the rows.
        ForgeTestData.WriteWithColumns(ForgeTestData.Penguins, path,
            ("is_gentoo", (_, r, t) => ForgeTestData.Cell(t, r, "species") == "Gentoo" ? "yes" : "no"),
            ("ref_code", (i, _, _) => ForgeTestData.NearId(i)),
            ("survey_year", (i, _, _) => (2000 + (i / 40)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var data = ForgeTestData.Read(path);
        var candidate = (await new BuiltinBrainstormer(Knowledge).BrainstormAsync(data, 20, CancellationToken.None)).Single(c => c.Target == "species" && c.Variant is null);
        var design = await new BuiltinDesigner(Knowledge).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Contains(design.Dropped, d => d.Name == "is_gentoo" && d.Reason.Contains("derived from the target", StringComparison.Ordinal));
        Assert.Contains(design.Dropped, d => d.Name == "ref_code");
        Assert.DoesNotContain("is_gentoo", design.Features);
        Assert.Equal(SplitKind.Time, design.Split.Kind);
        Assert.Equal("survey_year", design.Split.Column);
        Assert.Contains("logarithmic loss", design.Description, StringComparison.Ordinal);
        Assert.Equal(MetricNames.LogLoss, MetricInference.FromDescription(design.Description)?.Metric);
    }

    [Fact]
    public async Task Descriptions_name_their_metric_in_words_that_task_inference_recognises()
    {
        var data = ForgeTestData.Read(Path.Combine(TestPaths.RawDatasets, "modeldata__stackoverflow.csv"));
        var brainstormer = new BuiltinBrainstormer(Knowledge);
        var designer = new BuiltinDesigner(Knowledge);
        var metrics = new HashSet<string>();
        foreach (var candidate in await brainstormer.BrainstormAsync(data, 80, CancellationToken.None))
        {
            var design = await designer.DesignAsync(data, candidate, CancellationToken.None);
            Assert.Equal(candidate.Metric, MetricInference.FromDescription(design.Description)?.Metric);
            metrics.Add(candidate.Metric);
        }

        Assert.Contains(MetricNames.QuadraticWeightedKappa, metrics);
        Assert.Contains(MetricNames.RocAuc, metrics);
        Assert.True(metrics.Count >= 3, string.Join(", ", metrics));
    }
}
