using AgentML.Core.Runs;
using AgentML.Agents.Llm;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>
/// Every fault the LLM path must survive, over real HTTP to the scripted server, through SK's OpenAI connector
/// (openai-compatible) and its Azure OpenAI connector: the fault is retried or repaired and the step still gets
/// the model's program; nothing is lost.
/// </summary>
public sealed class LlmFaultTests
{
    public static TheoryData<string, string> Faults()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "openai", "azure" })
        {
            foreach (var fault in new[] { "429", "500", "malformed-json", "slow", "empty-choices", "no-code-block" })
            {
                data.Add(provider, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_is_retried_or_repaired_and_the_model_program_is_used(string provider, string fault)
    {
        await using var server = ScriptedLlmServer.Start();
        var builtin = new FakeBuiltinTeam();
        var logs = new RecordingLoggerFactory();
        var settings = LlmFixtures.FastSettings() with { CallTimeout = fault == "slow" ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(20) };
        var team = LlmFixtures.Team(server, provider, builtin, logs, settings);
        server.Enqueue(fault switch
        {
            "429" => ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(1)),
            "500" => ScriptedReply.ServerError(),
            "malformed-json" => ScriptedReply.MalformedJson(),
            "slow" => ScriptedReply.Code(LlmFixtures.Program + "# slow\n").After(TimeSpan.FromSeconds(4)),
            "empty-choices" => ScriptedReply.EmptyChoices(),
            _ => ScriptedReply.Text("I would use a random forest on the numeric columns.", 200, 20),
        });
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program, "A uniform baseline.", 300, 120));

        var output = await team.Debugger.DebugAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1", NodeStatus.Buggy, null, "KeyError: 'species'"), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal(LlmRoleKit.AgentName, output.Agent);
        Assert.Contains("pd.read_csv(\"input/test.csv\")", output.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("# slow", output.Code, StringComparison.Ordinal);
        Assert.Equal(0, builtin.Calls);
        Assert.DoesNotContain(output.Notes, n => n.Contains("fell back", StringComparison.Ordinal));
        Assert.Equal(0, server.UnscriptedCount);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(provider == "azure", r.IsAzure));
        Assert.Equal(requests[0].Messages.Count, requests[1].Messages.Count - (fault == "no-code-block" ? 2 : 0));

        // Nothing lost: the usage counts every answered call whose reply could be read (the unusable reply too);
        // a reply with no choices fails inside the connector before its usage can be read.
        var expectedInput = 300 + (fault == "no-code-block" ? 200 : 0);
        Assert.Equal(expectedInput, output.Usage.InputTokens);
        if (fault == "429")
        {
            Assert.Contains(logs.Values("Delay"), d => d is double s && Math.Abs(s - 1.0) < 1e-9);
        }

        if (fault == "no-code-block")
        {
            Assert.Equal("assistant", requests[1].Messages[^2].Role);
            Assert.Contains("```python", requests[1].LastUserMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    public async Task A_model_that_keeps_failing_falls_back_to_the_builtin_role_and_says_so(string provider)
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.ServerError(503));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, provider, builtin, new RecordingLoggerFactory());

        var output = await team.Improver.ImproveAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("builtin", output.Agent);
        Assert.Equal(FakeBuiltinTeam.Code, output.Code);
        Assert.Equal(1, builtin.Calls);
        Assert.Contains(output.Notes, n => n.Contains("fell back to the builtin improver", StringComparison.Ordinal) && n.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.Equal(1 + LlmFixtures.FastSettings().MaxRetries, server.Requests.Count);
    }

    [Fact]
    public async Task Replies_that_never_hold_code_fall_back_after_the_repairs_and_keep_their_usage()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Text("Use gradient boosting.", 100, 10));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory());

        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("boosting", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("builtin", output.Agent);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(300, output.Usage.InputTokens);
        Assert.Equal(30, output.Usage.OutputTokens);
        Assert.Contains(output.Notes, n => n.Contains("Unusable", StringComparison.Ordinal) && n.Contains("no ```python block", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_that_never_writes_the_submission_gets_a_repair_turn()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code("import pandas as pd\nprint('hello')"), ScriptedReply.Code(LlmFixtures.Program));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("uniform", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal(LlmRoleKit.AgentName, output.Agent);
        Assert.Contains("submission/submission.csv", output.Code, StringComparison.Ordinal);
        Assert.Contains("submission/submission.csv", server.Requests[1].LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_circuit_stops_calling_the_model_and_later_steps_fall_back_at_once()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.ServerError());
        var builtin = new FakeBuiltinTeam();
        var settings = LlmFixtures.FastSettings() with { MaxRetries = 1, CircuitMinimumThroughput = 2, CircuitFailureRatio = 0.5, CircuitBreakDuration = TimeSpan.FromMinutes(5) };
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), settings);
        var context = LlmFixtures.PenguinContext();

        var first = await team.Coder.WriteAsync(context, new Roles.Plan("a", null, []), Roles.TreeSummary.Empty, CancellationToken.None);
        var requestsAfterFirst = server.Requests.Count;
        var second = await team.Debugger.DebugAsync(context, LlmFixtures.Node("n2", NodeStatus.Buggy), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("builtin", first.Agent);
        Assert.Equal("builtin", second.Agent);
        Assert.Equal(2, requestsAfterFirst);
        Assert.Equal(requestsAfterFirst, server.Requests.Count);
        Assert.Contains(second.Notes, n => n.Contains("CircuitOpen", StringComparison.Ordinal));
    }
}
