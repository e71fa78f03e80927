using System.Globalization;
using System.IO.Compression;
using System.Text;
using AgentML.Core.Data;
using AgentML.Forge.Input;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>Awkward raw files: other separators and encodings, repaired headers, formatted numbers, bad bytes.</summary>
public sealed class RawInputRobustnessTests : IDisposable
{
    private readonly TempDirectory _temp = new("forge-robust");

    public void Dispose() => _temp.Dispose();

    private static CsvTable Penguins => CsvTable.Read(ForgeTestData.Penguins);

    private string Write(string name, string text, Encoding? encoding = null)
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    private static string Join(CsvTable table, char separator, bool header = true) =>
        string.Join("\n", (header ? [table.Columns.ToArray()] : Array.Empty<string[]>()).Concat(table.Rows)
            .Select(r => string.Join(separator, r.Select(v => v.Contains(separator, StringComparison.Ordinal) ? $"\"{v}\"" : v)))) + "\n";

    [Theory]
    [InlineData(';')]
    [InlineData('|')]
    [InlineData('\t')]
    public void Other_separators_in_a_csv_file_are_sniffed(char separator)
    {
        var data = ForgeTestData.Read(Write("p.csv", Join(Penguins, separator)));

        Assert.Equal(Penguins.Columns, data.Table.Columns);
        Assert.Equal(Penguins.Rows.Count, data.Table.Rows.Count);
        Assert.Contains(data.ReadNotes, n => n.Contains("separator " + TextLayout.SeparatorName(separator), StringComparison.Ordinal));
    }

    [Fact]
    public void Latin1_text_is_read_as_latin1_not_replacement_characters()
    {
        var text = "city,size\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{(i % 2 == 0 ? "Malmö" : "Zürich")},{i}\n"));
        var data = ForgeTestData.Read(Write("l.csv", text, Encoding.Latin1));

        Assert.Equal(["Malmö", "Zürich"], data.Column("city").Counts().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Contains(data.ReadNotes, n => n.Contains("Latin-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Blank_and_repeated_header_cells_are_renamed_and_reported()
    {
        var lines = Join(Penguins, ',').Split('\n', 2);
        var header = "species,island,size,size,,body_mass_g,sex,year";
        var data = ForgeTestData.Read(Write("h.csv", header + "\n" + lines[1]));

        Assert.Equal(["species", "island", "size", "size_2", "column_5", "body_mass_g", "sex", "year"], data.Table.Columns);
        Assert.Contains(data.ReadNotes, n => n.Contains("column 4 ('size', repeated) -> 'size_2'", StringComparison.Ordinal) && n.Contains("column 5 (blank)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_numeric_file_without_header_gets_generated_column_names()
    {
        var concrete = CsvTable.Read(Path.Combine(TestPaths.RawDatasets, "modeldata__concrete.csv"));
        var data = ForgeTestData.Read(Write("c.csv", Join(concrete, ',', header: false)));

        Assert.Equal(Enumerable.Range(1, concrete.Columns.Count).Select(i => $"column_{i}"), data.Table.Columns);
        Assert.Equal(concrete.Rows.Count, data.Table.Rows.Count);
        Assert.Equal(concrete.Rows[0], data.Table.Rows[0]);
    }

    [Fact]
    public void Formatted_numbers_and_missing_markers_become_plain_numbers_and_blanks()
    {
        var rows = Enumerable.Range(0, 200).Select(i => i % 10 == 3
            ? "?,n/a,-"
            : string.Create(CultureInfo.InvariantCulture, $"\"${1000 + (i * 37):N2}\",{i % 100}.5%,\"({i:N0})\""));
        var data = ForgeTestData.Read(Write("m.csv", "price,share,balance\n" + string.Join("\n", rows) + "\n"));

        Assert.True(data.Column("price").IsNumeric && data.Column("share").IsNumeric && data.Column("balance").IsNumeric);
        Assert.Equal(1037, data.Column("price").Numbers[1]);
        Assert.Equal(1.5, data.Column("share").Numbers[1]);
        Assert.Equal(-1, data.Column("balance").Numbers[1]);
        Assert.Equal(20, data.Column("price").Missing.Count(m => m));
        Assert.Equal("1037", data.Table.Rows[1][0]);
        Assert.Contains(data.ReadNotes, n => n.Contains("'price' read as numbers (currency signs, thousands separators removed)", StringComparison.Ordinal));
    }

    [Fact]
    public void Decimal_commas_in_a_semicolon_file_are_numbers()
    {
        var text = "a;b\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i},25;{i % 3}")) + "\n";
        var data = ForgeTestData.Read(Write("s.csv", text));

        Assert.Equal(3.25, data.Column("a").Numbers[3]);
    }

    [Fact]
    public void Numbers_grouped_with_spaces_or_apostrophes_are_numbers_and_other_spaced_text_is_not()
    {
        // French style in a semicolon file ("3 800,5", also with a no-break space), Swiss style in a comma file.
        var french = "mass;code\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{3 + (i % 5)}{(i % 2 == 0 ? ' ' : '\u00A0')}8{i % 10}0,5;A {i % 7}")) + "\n";
        var fr = ForgeTestData.Read(Write("fr.csv", french));
        var swiss = "price,label\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"1'2{i % 10}4.50,{i % 3} 000 {i % 2}")) + "\n";
        var ch = ForgeTestData.Read(Write("ch.csv", swiss));

        Assert.True(fr.Column("mass").IsNumeric);
        Assert.Equal(5820.5, fr.Column("mass").Numbers[2]); // "5 820,5"
        Assert.Equal(6830.5, fr.Column("mass").Numbers[3]); // with a no-break space
        Assert.False(fr.Column("code").IsNumeric);
        Assert.Contains(fr.ReadNotes, n => n.Contains("'mass' read as numbers (decimal commas, thousands separators read)", StringComparison.Ordinal));
        Assert.True(ch.Column("price").IsNumeric);
        Assert.Equal(1234.5, ch.Column("price").Numbers[3]);
        Assert.False(ch.Column("label").IsNumeric); // "1 000 1" is not a grouped number
    }

    [Fact]
    public void A_truncated_gzip_file_is_named_as_truncated()
    {
        var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Join(Penguins, ',')));
        }

        var path = _temp.Combine("t.csv.gz");
        File.WriteAllBytes(path, bytes.ToArray()[..(int)(bytes.Length / 2)]);
        var error = Assert.Throws<UserFacingException>(() => ForgeTestData.Read(path));

        Assert.Contains("t.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_and_too_few_rows_are_clear_errors()
    {
        var binary = _temp.Combine("b.csv");
        File.WriteAllBytes(binary, [.. Encoding.ASCII.GetBytes("a,b\n"), 0, 1, 2, 0, 255]);
        Assert.Contains("binary content", Assert.Throws<UserFacingException>(() => ForgeTestData.Read(binary)).Message, StringComparison.Ordinal);

        var few = Write("few.csv", "a,b\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{i},{i % 2}")) + "\n");
        var error = Assert.Throws<UserFacingException>(() => new RawDataReader(ForgeTestData.Knowledge, minRows: 130).Read(few));
        Assert.Contains("too few rows: 60 data rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 130", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regional_date_formats_are_rewritten_as_iso_dates()
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var rows = Enumerable.Range(0, 200).Select(i => start.AddDays(i * 3).AddHours(i % 24))
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d:dd.MM.yyyy HH:mm},{d:dd/MM/yyyy},{d:yyyy-MM-dd},{d.Day}"));
        var data = ForgeTestData.Read(Write("d.csv", "eu,uk,iso,day\n" + string.Join("\n", rows) + "\n"));

        Assert.Equal("2020-01-04T01:00:00", data.Table.Rows[1][0]);
        Assert.Equal("2020-01-04", data.Table.Rows[1][1]);
        Assert.Equal(AgentML.Core.Profiling.ColumnKind.Datetime, data.ColumnProfile("eu").Kind);
        Assert.Contains(data.ReadNotes, n => n.Contains("'uk' read as dates in the format dd/MM/yyyy", StringComparison.Ordinal));
        Assert.DoesNotContain(data.ReadNotes, n => n.Contains("'iso'", StringComparison.Ordinal) || n.Contains("'day'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_few_ragged_rows_are_left_out_and_many_fail_the_file_naming_the_lines()
    {
        var lines = Join(Penguins, ',').TrimEnd('\n').Split('\n');
        lines[120] += ",extra";
        var data = ForgeTestData.Read(Write("few-ragged.csv", string.Join("\n", lines) + "\n"));
        Assert.Equal(Penguins.Rows.Count - 1, data.Table.Rows.Count);
        Assert.Contains(data.ReadNotes, n => n.Contains("1 row(s) left out", StringComparison.Ordinal) && n.Contains("line(s) 121", StringComparison.Ordinal));

        for (var i = 10; i < 30; i++)
        {
            lines[i] += ",extra";
        }

        var error = Assert.Throws<UserFacingException>(() => ForgeTestData.Read(Write("ragged.csv", string.Join("\n", lines) + "\n")));
        Assert.Contains("ragged.csv: 21 of 344 rows (lines 11, 12, 13, 14, 15, ...) do not have the header's 8 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_and_a_gzipped_semicolon_file_are_read()
    {
        var utf16 = ForgeTestData.Read(Write("u.csv", Join(Penguins, ','), new UnicodeEncoding(bigEndian: false, byteOrderMark: true)));
        Assert.Equal(Penguins.Columns, utf16.Table.Columns);
        Assert.Equal(Penguins.Rows[3], utf16.Table.Rows[3]);

        var path = _temp.Combine("s.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Join(Penguins, ';')));
        }

        var gz = ForgeTestData.Read(path);
        Assert.Equal(Penguins.Columns, gz.Table.Columns);
        Assert.Equal(Penguins.Rows.Count, gz.Table.Rows.Count);
    }
}
