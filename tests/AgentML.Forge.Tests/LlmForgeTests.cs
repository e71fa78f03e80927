using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Forge.Reporting;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Forge.Tests;

/// <summary>Forge with the LLM brainstormer and designer over real HTTP to the scripted server.</summary>
public sealed class LlmForgeTests
{
    [Fact]
    public async Task Penguins_forged_with_an_openai_compatible_model_pass_verification_and_the_report_carries_notes_and_cost()
    {
        var responder = new ForgeLlmResponder();
        await using var server = ScriptedLlmServer.Start(responder.Respond);
        using var temp = new TempDirectory("forge-llm-e2e");
        var request = new ForgeRequest { Input = ForgeTestData.Penguins, Output = temp.Combine("out"), TasksPerFile = 2, Seed = 0 };
        var model = $"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}";

        var report = await ForgeTestData.Runner(request, execution: true, model).RunAsync(request, null, CancellationToken.None);

        Assert.Equal(0, server.UnscriptedCount);
        var file = report.Files.Single();
        var accepted = file.Tasks.Where(t => t.Accepted).ToArray();
        Assert.True(accepted.Length >= 1, string.Join("\n", file.Tasks.SelectMany(t => t.Reasons)));
        Assert.Equal(("species", "llm"), (file.Tasks[0].Target, file.Tasks[0].Brainstormer));
        Assert.Contains(file.Notes, n => n.Contains("rejected candidate 'wing_colour': no such column", StringComparison.Ordinal));
        foreach (var task in accepted)
        {
            Assert.Equal("llm", task.Designer);
            Assert.Contains(task.Checks, c => c.Name == "beats-dummy" && c.Passed);
            Assert.Contains(task.Dropped, d => d.Name == "year");
            Assert.Contains(task.Notes, n => n.Contains("builtin entries only for sex", StringComparison.Ordinal));
            var spec = new TaskLoader().Load(task.Folder);
            Assert.Equal(task.Metric, spec.Metric);
            Assert.Equal($"Palmer penguins: {task.Target}", spec.Name);
            Assert.Contains(ForgeLlmResponder.Story, spec.Description, StringComparison.Ordinal);
            Assert.DoesNotContain("year", Core.Data.CsvTable.Read(spec.TrainPath).Columns);
            Assert.True(new SubmissionGrader().Grade(spec, spec.SampleSubmissionPath, spec.AnswersPath!).IsValid);
            var yaml = File.ReadAllText(Path.Combine(task.Folder, "competition.yaml"));
            Assert.Contains("designer: llm", yaml, StringComparison.Ordinal);
            Assert.Contains("builtin entries only for sex", yaml, StringComparison.Ordinal);
        }

        var llm = Assert.IsType<LlmReport>(report.Llm);
        Assert.Equal(model, llm.Model);
        Assert.Equal(server.Requests.Count, llm.Calls);
        Assert.Equal(1 + file.Tasks.Count, llm.Calls);
        Assert.True(llm.Cost > 0);
        Assert.Equal(0, llm.Fallbacks);
        Assert.Equal(["brainstormer", "designer"], llm.Roles.Select(r => r.Role));

        var markdown = File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName));
        Assert.Contains($"Model `{model}`: {llm.Calls} calls (0 failed)", markdown, StringComparison.Ordinal);
        Assert.Contains($"cost ${llm.Cost:0.####}", markdown, StringComparison.Ordinal);
        Assert.Contains("| brainstormer | designer |", markdown, StringComparison.Ordinal);
        Assert.Contains("Notes (repairs, reformulations, LLM roles):", markdown, StringComparison.Ordinal);
        Assert.Contains("rejected candidate 'wing_colour'", markdown, StringComparison.Ordinal);
        var json = ForgeReportWriter.Read(Path.Combine(request.Output, ForgeReportWriter.JsonName));
        Assert.Equal(llm.Cost, json.Llm!.Cost);
        Assert.Equal(llm.Roles, json.Llm.Roles);
        Assert.Equal(file.Tasks[0].Notes, json.Files.Single().Tasks[0].Notes);
    }

    [Fact]
    public async Task A_cost_cap_allows_three_calls_then_the_builtin_designer_finishes_and_the_report_says_so()
    {
        // gpt-4o: 100k input tokens cost $0.25 and 5k output tokens $0.05, so each call costs $0.30; a $0.75 cap
        // lets the brainstormer and two designs through and refuses the third design.
        var responder = new ForgeLlmResponder(100_000, 5_000);
        await using var server = ScriptedLlmServer.Start(responder.Respond);
        using var temp = new TempDirectory("forge-llm-budget");
        var request = new ForgeRequest { Input = ForgeTestData.Penguins, Output = temp.Combine("out"), TasksPerFile = 3, MaxLlmCost = 0.75m };

        var report = await ForgeTestData.Runner(request, execution: false, $"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}")
            .RunAsync(request, null, CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, responder.Calls["brainstormer"]);
        Assert.Equal(2, responder.Calls["designer"]);
        var tasks = report.Files.Single().Tasks;
        Assert.True(tasks.Count >= 3);
        Assert.Equal(["llm", "llm"], tasks.Take(2).Select(t => t.Designer));
        Assert.All(tasks.Skip(2), t =>
        {
            Assert.Equal("builtin", t.Designer);
            var note = Assert.Single(t.Notes);
            Assert.Contains("Budget", note, StringComparison.Ordinal);
            Assert.Contains("--max-llm-cost", note, StringComparison.Ordinal);
            Assert.Contains("fell back to the builtin designer", note, StringComparison.Ordinal);
        });
        var llm = report.Llm!;
        Assert.Equal((3, 0.90m, 0.75m, true), (llm.Calls, llm.Cost, llm.MaxCost, llm.BudgetExhausted));
        Assert.Equal(tasks.Count - 2, llm.RefusedCalls);
        Assert.Equal(tasks.Count - 2, llm.Fallbacks);
        var markdown = File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName));
        Assert.Contains("**LLM budget spent**: $0.9 against the limit of $0.75 (--max-llm-cost)", markdown, StringComparison.Ordinal);
        Assert.Contains($"**{tasks[2].TaskId}**: LLM designer unavailable (Budget", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_model_still_forges_with_the_builtin_roles_and_fallback_notes()
    {
        int port;
        await using (var closed = ScriptedLlmServer.Start())
        {
            port = closed.Port;
        }

        using var temp = new TempDirectory("forge-llm-down");
        var request = new ForgeRequest { Input = ForgeTestData.Penguins, Output = temp.Combine("out"), TasksPerFile = 2 };
        var builtin = await ForgeTestData.Runner(request with { Output = temp.Combine("builtin") }, execution: false).RunAsync(request with { Output = temp.Combine("builtin") }, null, CancellationToken.None);

        var report = await ForgeTestData.Runner(request, execution: false, $"openai-compatible:gpt-4o@http://127.0.0.1:{port}/v1").RunAsync(request, null, CancellationToken.None);

        var tasks = report.Files.Single().Tasks;
        Assert.Equal(builtin.Files.Single().Tasks.Select(t => (t.TaskId, t.Accepted)), tasks.Select(t => (t.TaskId, t.Accepted)));
        Assert.All(tasks, t => Assert.Equal(("builtin", "builtin"), (t.Brainstormer, t.Designer)));
        Assert.All(tasks, t => Assert.Contains("fell back to the builtin designer", Assert.Single(t.Notes), StringComparison.Ordinal));
        Assert.Contains("fell back to the builtin brainstormer", Assert.Single(report.Files.Single().Notes), StringComparison.Ordinal);
        Assert.Equal(1 + tasks.Count, report.Llm!.Fallbacks);
        Assert.Equal(0m, report.Llm.Cost);
        Assert.Contains("Fallbacks to builtin roles: " + report.Llm.Fallbacks, File.ReadAllText(Path.Combine(request.Output, ForgeReportWriter.MarkdownName)), StringComparison.Ordinal);
    }
}
