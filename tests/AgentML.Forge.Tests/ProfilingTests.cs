using AgentML.Core.Profiling;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class ProfilingTests
{
    [Fact]
    public void Penguins_columns_get_the_expected_kinds()
    {
        var data = ForgeTestData.Read(ForgeTestData.Penguins);
        Assert.Equal(ColumnKind.Categorical, data.ColumnProfile("species").Kind);
        Assert.Equal(ColumnKind.Numeric, data.ColumnProfile("body_mass_g").Kind);
        Assert.True(data.ColumnProfile("sex").MissingShare > 0.02, "NA cells count as missing");
        Assert.Equal(344, data.Profile.TrainRows);
    }

    [Fact]
    public void Near_unique_codes_and_names_are_id_like_and_long_strings_are_text()
    {
        var titanic = ForgeTestData.Read(Path.Combine(TestPaths.RawDatasets, "stablelearner__titanic.csv"));
        Assert.Equal(ColumnKind.Text, titanic.ColumnProfile("name").Kind);

        using var temp = new TempDirectory("forge-profile");
        var path = temp.Combine("penguins-codes.csv");
        ForgeTestData.WriteWithColumns(ForgeTestData.Penguins, path,
            ("ref_code", (i, _, _) => ForgeTestData.NearId(i)),
            ("booking", (i, _, _) => $"BK{i * 7919 % 100_003:D6}"));
        var data = ForgeTestData.Read(path);
        Assert.Equal(ColumnKind.IdLike, data.ColumnProfile("ref_code").Kind);
        Assert.Equal(ColumnKind.IdLike, data.ColumnProfile("booking").Kind);
    }

    [Fact]
    public void Association_sees_a_noised_copy_but_not_an_honest_feature()
    {
        var data = ForgeTestData.Read(ForgeTestData.Penguins);
        var species = data.Column("species");
        Assert.True(Association.Predictability(data.Column("island"), species, classification: true) < 0.9);
        Assert.True(Association.Predictability(data.Column("species"), species, classification: true) > 0.99);
        Assert.Equal(1.0, Association.Determines(species, species));
    }
}
