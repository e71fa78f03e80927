using AgentML.Forge.Reporting;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class ReportReadingTests
{
    [Fact]
    public async Task A_file_without_any_target_says_so_with_each_columns_reason_and_how_it_was_read()
    {
        using var temp = new TempDirectory("forge-no-target");
        var path = temp.Combine("junk.csv");
        File.WriteAllLines(path, ["id;comment;const", .. Enumerable.Range(0, 200).Select(i => $"{i};note number {i} about item {i * 7};NA")]);
        var request = new ForgeRequest { Input = path, Output = temp.Combine("out"), TasksPerFile = 1 };

        var report = await ForgeTestData.Runner(request, execution: false).RunAsync(request, null, CancellationToken.None);

        var file = Assert.Single(report.Files);
        Assert.Equal(0, report.Accepted);
        Assert.Empty(file.Tasks);
        Assert.StartsWith("no column can be a target", file.NoTaskReason, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName));
        Assert.Contains("No task: no column can be a target", markdown, StringComparison.Ordinal);
        Assert.Contains("Read: read as UTF-8, separator semicolon; missing-value markers read as missing: 'NA' (200 cells)", markdown, StringComparison.Ordinal);
        Assert.Contains("`id` (id-like", markdown, StringComparison.Ordinal);
        Assert.Contains("`const` (", markdown, StringComparison.Ordinal);
    }
}
