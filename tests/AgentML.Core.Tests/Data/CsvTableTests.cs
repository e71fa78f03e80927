using AgentML.Core.Data;
using AgentML.Testing;

namespace AgentML.Core.Tests.Data;

public sealed class CsvTableTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_quoted_multi_line_text_of_spam_emails()
    {
        var table = CsvTable.Read(Path.Combine(TestPaths.Task("spam-emails"), "public", "train.csv"));

        Assert.Equal(["id", "label", "text"], table.Columns);
        Assert.Equal(4534, table.RowCount);
        Assert.All(table.Column("label"), v => Assert.True(v is "0" or "1"));
        Assert.Contains(table.Column("text"), t => t.Contains('\n', StringComparison.Ordinal));
        Assert.True(table.LineOf(1) > 3, "rows after a multi-line field start on later lines");
    }

    [Fact]
    public void Unescapes_quotes_and_separators()
    {
        var table = CsvTable.Parse("id,name\n1,\"Ide, Mr. \"\"Harry\"\"\"\n2,plain\n");

        Assert.Equal("Ide, Mr. \"Harry\"", table.Rows[0][1]);
        Assert.Equal("plain", table.Rows[1][1]);
    }

    [Fact]
    public void Write_then_read_round_trips_csv_tsv_and_gzip()
    {
        var original = new CsvTable(["id", "text", "x"], [["1", "a, \"quoted\"\nline", "0.5"], ["2", "", "-1e-3"]]);
        foreach (var name in new[] { "t.csv", "t.tsv", "t.csv.gz" })
        {
            var path = _temp.Combine(name);
            original.Write(path);
            var read = CsvTable.Read(path);
            Assert.Equal(original.Columns, read.Columns);
            Assert.Equal(original.Rows, read.Rows);
        }

        Assert.Contains('\t', File.ReadAllText(_temp.Combine("t.tsv")));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void Row_with_extra_field_names_file_line_and_column()
    {
        var path = _temp.Combine("bad.csv");
        File.WriteAllText(path, "a,b,c\n1,2,3\n4,5,6,7\n");

        var error = Assert.Throws<UserFacingException>(() => CsvTable.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_row_names_the_first_missing_column()
    {
        var path = _temp.Combine("short.csv");
        File.WriteAllText(path, "a,b,c\n1,2\n");

        var error = Assert.Throws<UserFacingException>(() => CsvTable.Read(path));

        Assert.Contains("line 2, column 3 ('c')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_quote_is_reported_with_its_line()
    {
        var path = _temp.Combine("quote.csv");
        File.WriteAllText(path, "id,text\n1,ok\n2,\"never closed\n3,more\n");

        var error = Assert.Throws<UserFacingException>(() => CsvTable.Read(path));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_missing_file_and_duplicate_header_are_clear_errors()
    {
        var empty = _temp.Combine("empty.csv");
        File.WriteAllText(empty, "");
        var dup = _temp.Combine("dup.csv");
        File.WriteAllText(dup, "a,b,a\n1,2,3\n");

        Assert.Contains("empty", Assert.Throws<UserFacingException>(() => CsvTable.Read(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => CsvTable.Read(_temp.Combine("none.csv"))).Message, StringComparison.Ordinal);
        Assert.Contains("duplicate column name 'a'", Assert.Throws<UserFacingException>(() => CsvTable.Read(dup)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_only_and_max_rows()
    {
        var path = Path.Combine(TestPaths.Task("diamond-prices"), "public", "train.csv");

        Assert.Equal(["id", "carat", "cut", "color", "clarity", "depth", "table", "price", "x", "y", "z"], CsvTable.ReadHeader(path));
        Assert.Equal(5, CsvTable.Read(path, maxRows: 5).RowCount);
    }
}
