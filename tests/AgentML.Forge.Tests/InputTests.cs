using System.IO.Compression;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class InputTests
{
    [Fact]
    public void Gzip_and_tsv_read_like_the_plain_csv()
    {
        using var temp = new TempDirectory("forge-input");
        var gz = temp.Combine("penguins.csv.gz");
        using (var output = File.Create(gz))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var input = File.OpenRead(ForgeTestData.Penguins))
        {
            input.CopyTo(gzip);
        }

        var tsv = temp.Combine("penguins.tsv");
        var plain = AgentML.Core.Data.CsvTable.Read(ForgeTestData.Penguins);
        File.WriteAllLines(tsv, [string.Join('\t', plain.Columns), .. plain.Rows.Select(r => string.Join('\t', r))]);

        var fromCsv = ForgeTestData.Read(ForgeTestData.Penguins);
        var fromGz = ForgeTestData.Read(gz);
        var fromTsv = ForgeTestData.Read(tsv);
        Assert.Equal("penguins", fromGz.Name);
        Assert.Equal(fromCsv.Table.Columns, fromGz.Table.Columns);
        Assert.Equal(fromCsv.Table.Rows.Count, fromGz.Table.Rows.Count);
        Assert.Equal(fromCsv.Table.Columns, fromTsv.Table.Columns);
        Assert.Equal(fromCsv.Table.Rows[5], fromTsv.Table.Rows[5]);
    }

    [Theory]
    [InlineData("empty.csv", "", "empty")]
    [InlineData("one.csv", "a\n1\n2\n", "column")]
    [InlineData("ragged.csv", "a,b\n1,2,3\n", "do not have the header's 2 fields")]
    [InlineData("fake.csv.gz", "a,b\n1,2\n", "not a gzip file")]
    [InlineData("data.parquet", "PAR1", "not a readable Parquet file")]
    [InlineData("data.xlsx", "x", "unsupported")]
    public void Bad_files_fail_with_a_message_naming_the_file(string name, string content, string expected)
    {
        using var temp = new TempDirectory("forge-bad");
        var path = temp.Combine(name);
        File.WriteAllText(path, content);
        var error = Assert.Throws<UserFacingException>(() => ForgeTestData.Read(path));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Too_few_rows_is_a_clear_error()
    {
        using var temp = new TempDirectory("forge-few");
        var path = temp.Combine("few.csv");
        File.WriteAllLines(path, ["a,b", .. Enumerable.Range(0, 10).Select(i => $"{i},{i % 2}")]);
        var error = Assert.Throws<UserFacingException>(() => ForgeTestData.Read(path));
        Assert.Contains("at least 50", error.Message, StringComparison.Ordinal);
    }
}
