using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;
using Parquet;
using Parquet.Schema;

namespace AgentML.Forge.Tests;

public sealed class ParquetInputTests
{
    [Fact]
    public async Task A_flat_parquet_file_reads_like_its_csv()
    {
        var csv = ForgeTestData.Read(ForgeTestData.Penguins);
        var species = csv.Column("species");
        var mass = csv.Column("body_mass_g");
        var speciesField = new DataField<string>("species");
        var massField = new DataField<double?>("body_mass_g");
        using var temp = new TempDirectory("forge-parquet");
        var path = temp.Combine("penguins.parquet");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(speciesField, massField), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(speciesField, species.Values, null);
            await group.WriteAsync<double>(massField, mass.Numbers.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray().AsMemory(), null, null, CancellationToken.None);
        }

        var data = ForgeTestData.Read(path);

        Assert.Equal(["species", "body_mass_g"], data.Table.Columns);
        Assert.Equal(csv.Table.Rows.Count, data.Table.Rows.Count);
        Assert.Equal(species.Values, data.Column("species").Values);
        Assert.Equal(mass.Missing, data.Column("body_mass_g").Missing);
        Assert.Equal(mass.Numbers[10], data.Column("body_mass_g").Numbers[10]);
        Assert.Equal("penguins", data.Name);
    }
}
