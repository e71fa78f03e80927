using AgentML.Core.Data;

namespace AgentML.Core.Tests.Data;

public sealed class CsvReadOptionsTests
{
    [Fact]
    public void Reads_with_the_given_separator()
    {
        var table = CsvTable.Read(new StringReader("a;b\n1,5;\"x;y\"\n"), "semi.csv", new CsvReadOptions { Separator = ';' });

        Assert.Equal(["a", "b"], table.Columns);
        Assert.Equal(["1,5", "x;y"], table.Rows[0]);
    }

    [Fact]
    public void Renames_blank_and_repeated_header_cells_when_asked()
    {
        var table = CsvTable.Read(new StringReader("size,,size,size_2\n1,2,3,4\n"), "h.csv", new CsvReadOptions { RenameBadHeaders = true });

        Assert.Equal(["size", "column_2", "size_2", "size_2_2"], table.Columns);
    }

    [Fact]
    public void Repeated_header_cells_still_fail_by_default()
    {
        var ex = Assert.Throws<UserFacingException>(() => CsvTable.Read(new StringReader("a,a\n1,2\n"), "h.csv", new CsvReadOptions()));

        Assert.Contains("h.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate column name 'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_rows_are_left_out_and_listed_when_asked()
    {
        var table = CsvTable.Read(new StringReader("a,b\n1,2\n3,4,5\n6\n7,8\n"), "r.csv", new CsvReadOptions { SkipRaggedRows = true });

        Assert.Equal([["1", "2"], ["7", "8"]], table.Rows);
        Assert.Equal([3, 4], table.SkippedLines);
    }
}
