using AgentML.Agents.Llm;
using AgentML.Core.Runs;
using AgentML.Agents.Roles;
using AgentML.Testing.ScriptedLlm;
using Microsoft.Extensions.Time.Testing;

namespace AgentML.Agents.Tests.Llm;

/// <summary>
/// The spin guard, over real HTTP to the scripted server: a model that keeps answering with a program the search
/// already ran, or with nothing usable, stops costing requests for a while, longer each time it spins again, and is
/// asked again once it has something new.
/// </summary>
public sealed class SpinGuardTests
{
    private static readonly string Fresh = LlmFixtures.Program + "# a program the search has not run\n";

    [Fact]
    public async Task A_model_that_keeps_repeating_is_not_asked_for_programs_for_a_pause_that_doubles_until_it_answers_something_new()
    {
        var repeat = true;
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Code(repeat ? LlmFixtures.Program : Fresh));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), LlmFixtures.FastSettings() with { TimeProvider = time });
        var tree = TreeSummary.Empty with { TriedPrograms = new HashSet<string>(StringComparer.Ordinal) { TreeSummary.ProgramKey(LlmFixtures.Program) } };

        async Task<(int Requests, AgentOutput Output)> ImproveAsync()
        {
            var before = server.Requests.Count;
            var output = await team.Improver.ImproveAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), tree, CancellationToken.None);
            return (server.Requests.Count - before, output);
        }

        // Three asks of an ask and one follow-up each, all repeats: the third starts a pause of a minute.
        for (var i = 0; i < 3; i++)
        {
            var (requests, output) = await ImproveAsync();
            Assert.Equal(2, requests);
            Assert.Equal("builtin", output.Agent);
            Assert.Contains(output.Notes, n => n.Contains("Repeats", StringComparison.Ordinal) && n.Contains("answered twice", StringComparison.Ordinal));
        }

        var paused = await ImproveAsync();
        Assert.Equal(0, paused.Requests);
        Assert.Equal("builtin", paused.Output.Agent);
        Assert.Contains(paused.Output.Notes, n => n.Contains("Paused", StringComparison.Ordinal) && n.Contains("not asked for programs for 60s more", StringComparison.Ordinal));

        // After the first minute one trial ask; it repeats again, so the next pause is two minutes.
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(2, (await ImproveAsync()).Requests);
        Assert.Equal(0, (await ImproveAsync()).Requests);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(0, (await ImproveAsync()).Requests);

        // After the second pause the model has something new: it is used, and the next ask goes through too.
        repeat = false;
        time.Advance(TimeSpan.FromSeconds(60));
        var trial = await ImproveAsync();
        Assert.Equal(1, trial.Requests);
        Assert.Equal(LlmRoleKit.AgentName, trial.Output.Agent);
        Assert.Equal(1, (await ImproveAsync()).Requests);
        Assert.Equal(0, server.UnscriptedCount);
        Assert.Equal(7, builtin.Calls);
    }

    [Fact]
    public async Task A_draft_that_repeats_a_program_already_run_gets_one_follow_up_and_then_the_builtin_coder_writes_it()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory());
        var tree = TreeSummary.Empty with { TriedPrograms = new HashSet<string>(StringComparer.Ordinal) { TreeSummary.ProgramKey(LlmFixtures.Program) } };

        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Plan("a forest", null, []), tree, CancellationToken.None);

        Assert.Equal("builtin", output.Agent);
        Assert.Contains(output.Notes, n => n.Contains("Repeats", StringComparison.Ordinal));
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("already run", server.Requests[1].LastUserMessage, StringComparison.Ordinal);
        Assert.Equal(1, builtin.Calls);
    }

    [Fact]
    public async Task A_model_that_answers_without_a_program_is_paused_after_three_asks()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Text("I would try gradient boosting, it usually works well."));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), LlmFixtures.FastSettings() with { TimeProvider = time });

        var outputs = new List<AgentOutput>();
        for (var i = 0; i < 5; i++)
        {
            outputs.Add(await team.Debugger.DebugAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1", NodeStatus.Buggy), TreeSummary.Empty, CancellationToken.None));
        }

        // An ask and two repair turns each for the first three; the last two make no request.
        Assert.Equal(9, server.Requests.Count);
        Assert.All(outputs, o => Assert.Equal("builtin", o.Agent));
        Assert.All(outputs.Take(3), o => Assert.Contains(o.Notes, n => n.Contains("Unusable", StringComparison.Ordinal)));
        Assert.All(outputs.Skip(3), o => Assert.Contains(o.Notes, n => n.Contains("Paused", StringComparison.Ordinal) && n.Contains("3 asks in a row", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_planner_that_answers_nonsense_is_paused_after_three_planning_rounds_and_asked_again_after_the_pause()
    {
        var sensible = false;
        await using var server = ScriptedLlmServer.Start(request => !sensible
            ? ScriptedReply.Text("Sure! Here are some thoughts about penguins.")
            : request.ResponseSchemaName switch
            {
                var n when n!.Contains("Critique", StringComparison.Ordinal) => ScriptedReply.Json(new { criticism = "fine", fixed_plan = "Random forest with 500 trees on all measurements." }),
                var n when n!.Contains("Plan", StringComparison.Ordinal) => ScriptedReply.Json(new { plan = "draft" }),
                _ => ScriptedReply.Json(new { observations = new[] { "Flipper length separates Gentoo.", "Island is confounded with species." } }),
            });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-08T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), LlmFixtures.FastSettings() with { TimeProvider = time });

        async Task<(int Requests, IReadOnlyList<Plan> Plans)> PlanAsync()
        {
            var before = server.Requests.Count;
            var plans = await team.Planner.ProposeAsync(LlmFixtures.PenguinContext(), TreeSummary.Empty, 1, CancellationToken.None);
            return (server.Requests.Count - before, plans);
        }

        // Three rounds of an ask and two repair turns, no plan: the builtin planner plans each, and then the model is paused.
        for (var i = 0; i < 3; i++)
        {
            var (requests, plans) = await PlanAsync();
            Assert.Equal(3, requests);
            Assert.StartsWith("builtin plan", Assert.Single(plans).Text, StringComparison.Ordinal);
        }

        var paused = await PlanAsync();
        Assert.Equal(0, paused.Requests);
        Assert.StartsWith("builtin plan", Assert.Single(paused.Plans).Text, StringComparison.Ordinal);

        // After the pause the model is asked again; now it plans, and its plan is used.
        sensible = true;
        time.Advance(TimeSpan.FromSeconds(61));
        var asked = await PlanAsync();
        Assert.Equal(1 + 3, asked.Requests);
        Assert.Equal("Random forest with 500 trees on all measurements.", Assert.Single(asked.Plans).Text);
        Assert.Equal(4, builtin.Calls);
        Assert.Equal(0, server.UnscriptedCount);
    }
}
