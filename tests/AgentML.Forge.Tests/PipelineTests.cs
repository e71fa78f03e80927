using AgentML.Forge.Execution;
using AgentML.Forge.Reporting;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class PipelineTests
{
    [Fact]
    public async Task A_folder_run_reports_a_bad_file_and_forges_the_good_one()
    {
        using var temp = new TempDirectory("forge-folder");
        var input = Directory.CreateDirectory(temp.Combine("raw")).FullName;
        File.Copy(ForgeTestData.Penguins, Path.Combine(input, "palmerpenguins__penguins.csv"));
        File.WriteAllText(Path.Combine(input, "broken.csv"), "only_one_column\n1\n2\n");
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not data");
        var request = new ForgeRequest { Input = input, Output = temp.Combine("out"), TasksPerFile = 2, Seed = 1 };

        var report = await ForgeTestData.Runner(request, execution: false).RunAsync(request, null, CancellationToken.None);

        Assert.Equal(2, report.Files.Count);
        var broken = Assert.Single(report.Files, f => f.Source.EndsWith("broken.csv", StringComparison.Ordinal));
        Assert.Contains("broken.csv", broken.Error, StringComparison.Ordinal);
        var penguins = Assert.Single(report.Files, f => f.Error is null);
        Assert.Equal(2, penguins.Accepted);
        var markdown = File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName));
        Assert.Contains("broken.csv", markdown, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(request.Output, ".staging")));
    }

    [Theory]
    [InlineData(0.9, 0.5, true, 0.8)]
    [InlineData(0.5, 0.5, true, 0.0)]
    [InlineData(2.0, 4.0, false, 0.5)]
    [InlineData(0.0, 1.0, false, 1.0)]
    [InlineData(5.0, 4.0, false, -0.25)]
    public void Gain_is_the_share_of_the_gap_to_perfect_closed(double score, double dummy, bool higherIsBetter, double expected) =>
        Assert.Equal(expected, ScoreGain.Of(score, dummy, higherIsBetter), 9);
}
