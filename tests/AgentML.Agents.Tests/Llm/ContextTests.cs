using AgentML.Core.Runs;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>What the model is told: task, data profile, tree summary, output head and tail, the grader's reason, the time limit.</summary>
public sealed class ContextTests
{
    [Fact]
    public async Task The_debugger_sees_the_task_the_tree_the_output_head_and_tail_and_the_graders_reason()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());
        var output = "HEAD-MARKER\n" + new string('x', 20_000) + "\nTAIL-MARKER";
        var failed = LlmFixtures.Node("n9", NodeStatus.Buggy, null, "invalid submission: 3 ids missing (e.g. 17)") with { Output = output };
        var tree = new Roles.TreeSummary([LlmFixtures.Node("n2", score: 0.0412)], [LlmFixtures.Node("n5", NodeStatus.Buggy, null, "timeout after 600 s")], 9);

        await team.Debugger.DebugAsync(LlmFixtures.PenguinContext(), failed, tree, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        var prompt = request.LastUserMessage;
        Assert.Contains("Palmer penguins", prompt, StringComparison.Ordinal);
        Assert.Contains("bill_length_mm: numeric", prompt, StringComparison.Ordinal);
        Assert.Contains("class counts: Adelie 120, Gentoo 100, Chinstrap 55", prompt, StringComparison.Ordinal);
        Assert.Contains("time limit of one program run: 600 seconds", prompt, StringComparison.Ordinal);
        Assert.Contains("invalid submission: 3 ids missing (e.g. 17)", prompt, StringComparison.Ordinal);
        Assert.Contains("HEAD-MARKER", prompt, StringComparison.Ordinal);
        Assert.Contains("TAIL-MARKER", prompt, StringComparison.Ordinal);
        Assert.Contains("characters cut", prompt, StringComparison.Ordinal);
        Assert.True(prompt.Length < 20_000, "the output was not cut");
        Assert.Contains("nodes: 9", prompt, StringComparison.Ordinal);
        Assert.Contains("[n2 draft] score 0.0412", prompt, StringComparison.Ordinal);
        Assert.Contains("timeout after 600 s", prompt, StringComparison.Ordinal);
        Assert.Contains("submission/submission.csv", request.Messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("AGENTML_METRIC", request.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_merger_sees_both_parents_and_its_plan_is_the_replys_prose()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program, "Blend both models with equal weights."));
        var team = LlmFixtures.Team(server, "azure", new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var output = await team.Merger.MergeAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("a1"), LlmFixtures.Node("b2"), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("Blend both models with equal weights.", output.Plan);
        var prompt = Assert.Single(server.Requests).LastUserMessage;
        Assert.Contains("plan of a1", prompt, StringComparison.Ordinal);
        Assert.Contains("plan of b2", prompt, StringComparison.Ordinal);
    }
}
