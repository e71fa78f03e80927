using AgentML.Core.Data;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Core.Tests.Profiling;

public sealed class DataProfilerTests
{
    [Fact]
    public void Profiles_titanic_columns_by_kind()
    {
        var task = new TaskLoader().Load(TestPaths.Task("titanic-full"));

        var profile = new DataProfiler().Profile(task);

        Assert.Equal(1655, profile.TrainRows);
        Assert.Equal(552, profile.TestRows);
        Assert.Equal(ColumnKind.IdLike, profile.Column("id")!.Kind);
        Assert.Equal(ColumnKind.Text, profile.Column("name")!.Kind);
        Assert.Equal(ColumnKind.Categorical, profile.Column("gender")!.Kind);
        Assert.Equal(ColumnKind.Numeric, profile.Column("age")!.Kind);
        Assert.True(profile.Column("fare")!.MissingShare > 0);
        Assert.Equal(2, profile.ClassCounts.Count);
        Assert.Equal(1655, profile.ClassCounts.Values.Sum());
    }

    [Fact]
    public void Spam_text_column_is_text_and_class_counts_are_counted()
    {
        var task = new TaskLoader().Load(TestPaths.Task("spam-emails"));

        var profile = new DataProfiler().Profile(task);

        var text = profile.Column("text")!;
        Assert.Equal(ColumnKind.Text, text.Kind);
        Assert.True(text.MeanLength > 1000);
        Assert.Equal(["0", "1"], profile.ClassCounts.Keys.Order());
    }

    [Fact]
    public void Numeric_summary_matches_pandas()
    {
        // pandas: s = pd.Series([1, 2, 2, 3, 10]); s.std() = 3.646916505762094, s.skew() = 2.0286991020803327
        var column = ColumnProfiler.Profile("x", ["1", "2", "2", "3", "10", ""]);

        var n = column.Numeric!;
        Assert.Equal(ColumnKind.Numeric, column.Kind);
        Assert.Equal((1.0, 10.0, 3.6, 2.0), (n.Min, n.Max, n.Mean, n.Median));
        Assert.Equal(3.646916505762094, n.Std, 12);
        Assert.Equal(2.0286991020803327, n.Skewness, 12);
        Assert.True(n.AllIntegers);
        Assert.Equal(1 / 6.0, column.MissingShare, 12);
        Assert.Equal(4, column.Cardinality);
    }

    [Theory]
    [InlineData(new[] { "2021-01-01", "2021-02-03", "2022-12-31 10:00:00" }, ColumnKind.Datetime)]
    [InlineData(new[] { "a", "a", "a" }, ColumnKind.Constant)]
    [InlineData(new[] { "NA", "", "nan" }, ColumnKind.Constant)]
    [InlineData(new[] { "x1", "x2", "x3", "x4" }, ColumnKind.IdLike)]
    [InlineData(new[] { "red", "blue", "red", "green" }, ColumnKind.Categorical)]
    public void Detects_kinds(string[] values, ColumnKind kind) => Assert.Equal(kind, ColumnProfiler.Profile("c", values).Kind);

    [Fact]
    public void Profiles_a_plain_table_without_a_task()
    {
        var table = CsvTable.Read(Path.Combine(TestPaths.Task("diamond-prices"), "public", "train.csv"));

        var profile = new DataProfiler().Profile(table);

        Assert.Equal(40455, profile.TrainRows);
        Assert.Equal(ColumnKind.Categorical, profile.Column("cut")!.Kind);
        Assert.Equal(5, profile.Column("cut")!.Cardinality);
        Assert.Equal(ColumnKind.Numeric, profile.Column("carat")!.Kind);
        Assert.Empty(profile.ClassCounts);
    }
}
