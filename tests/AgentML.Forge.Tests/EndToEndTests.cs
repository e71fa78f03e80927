using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Forge.Reporting;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>Forge on a real raw file with the baseline run in the process sandbox (real Python).</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Penguins_yield_two_verified_tasks_that_load_and_grade()
    {
        using var temp = new TempDirectory("forge-e2e");
        var request = new ForgeRequest { Input = ForgeTestData.Penguins, Output = temp.Combine("out"), TasksPerFile = 2, Seed = 0 };

        var report = await ForgeTestData.Runner(request, execution: true).RunAsync(request, null, CancellationToken.None);

        var accepted = report.Files.Single().Tasks.Where(t => t.Accepted).ToArray();
        Assert.Equal(2, accepted.Length);
        Assert.NotEqual(accepted[0].Target, accepted[1].Target);
        foreach (var task in accepted)
        {
            Assert.Contains(task.Checks, c => c.Name == "beats-dummy" && c.Passed);
            Assert.NotNull(task.Scores);
            var spec = new TaskLoader().Load(task.Folder);
            Assert.Equal(task.Metric, spec.Metric);
            Assert.DoesNotContain(spec.Inferences, i => i.Field is "metric" or "id_column");
            var grade = new SubmissionGrader().Grade(spec, spec.SampleSubmissionPath, spec.AnswersPath!);
            Assert.True(grade.IsValid, grade.InvalidReason);
            var yaml = File.ReadAllText(Path.Combine(task.Folder, "competition.yaml"));
            Assert.Contains("baseline_score:", yaml, StringComparison.Ordinal);
            Assert.Contains("dummy_score:", yaml, StringComparison.Ordinal);
        }

        var json = ForgeReportWriter.Read(Path.Combine(request.Output, ForgeReportWriter.JsonName));
        Assert.Equal(report.Accepted, json.Files.Single().Tasks.Count(t => t.Accepted));
        var markdown = File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName));
        Assert.All(accepted, t => Assert.Contains(t.TaskId, markdown, StringComparison.Ordinal));
    }
}
