using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>PlanSearch over HTTP: observations, derived observations per subset, plan, criticism and fix; duplicates dropped.</summary>
public sealed class PlanSearchTests
{
    private static readonly string[] Observations =
    [
        "Bill length separates Adelie from Chinstrap.",
        "Flipper length separates Gentoo.",
        "Island is confounded with species.",
        "Sex is missing for a few rows.",
    ];

    [Fact]
    public async Task Plans_come_from_observations_combinations_and_fixes_and_near_duplicates_are_dropped()
    {
        var plansServed = 0;
        await using var server = ScriptedLlmServer.Start(request =>
        {
            var text = request.LastUserMessage;
            if (text.Contains("## Observations to combine", StringComparison.Ordinal))
            {
                return ScriptedReply.Json(new { observations = new[] { $"derived from request {request.Index}" } });
            }

            return request.ResponseSchemaName switch
            {
                var n when n!.Contains("Observations", StringComparison.Ordinal) => ScriptedReply.Json(new { observations = Observations }),
                var n when n!.Contains("Critique", StringComparison.Ordinal) => ScriptedReply.Json(new
                {
                    criticism = "too vague",
                    // The second plan nearly duplicates the first; the third is a new idea.
                    fixed_plan = text switch
                    {
                        _ when text.Contains("draft 0", StringComparison.Ordinal) => "Gradient boosting on bill, flipper and island with one-hot encoding and 5-fold stratified CV.",
                        _ when text.Contains("draft 1", StringComparison.Ordinal) => "Gradient boosting on bill, flipper and island with one-hot encoding and a 5-fold stratified CV.",
                        _ => "Multinomial logistic regression on standardised measurements with bill ratio features.",
                    },
                }),
                _ => ScriptedReply.Json(new { plan = $"draft {Interlocked.Increment(ref plansServed) - 1}" }),
            };
        });
        var builtin = new FakeBuiltinTeam();
        var tree = new Roles.TreeSummary([LlmFixtures.Node("best")], [], 1);
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory());

        var plans = await team.Planner.ProposeAsync(LlmFixtures.PenguinContext(), tree, 2, CancellationToken.None);

        Assert.Equal(2, plans.Count);
        Assert.StartsWith("Gradient boosting", plans[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Multinomial logistic", plans[1].Text, StringComparison.Ordinal);
        Assert.Equal(0, builtin.Calls);
        Assert.Equal(0, server.UnscriptedCount);
        // 1 observations call, then 3 branches of derive + plan + critique (one branch dropped as a near-duplicate).
        Assert.Equal(1 + (3 * 3), server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("json_schema", r.ResponseFormatType));
        Assert.Contains("plan of best", server.Requests[0].LastUserMessage, StringComparison.Ordinal);
        // Each plan keeps the observations of its subset (pairs first) and the derived ones.
        Assert.All(plans, p => Assert.Equal(3, p.Observations.Count));
        Assert.All(plans, p => Assert.Contains(p.Observations, o => o.StartsWith("derived from request", StringComparison.Ordinal)));
        // Every call is paid for by some kept plan: 10 calls of 100 input tokens.
        Assert.Equal(1000, plans.Sum(p => p.Usage.InputTokens));
    }

    [Fact]
    public async Task When_the_model_fails_midway_the_plans_made_so_far_are_kept_and_the_builtin_planner_adds_the_rest()
    {
        var critiques = 0;
        await using var server = ScriptedLlmServer.Start(request => request.ResponseSchemaName switch
        {
            var n when n!.Contains("Critique", StringComparison.Ordinal) => Interlocked.Increment(ref critiques) == 1
                ? ScriptedReply.Json(new { criticism = "fine", fixed_plan = "Random forest with 500 trees on all measurements." })
                : ScriptedReply.ServerError(),
            var n when n!.Contains("Plan", StringComparison.Ordinal) => ScriptedReply.Json(new { plan = "draft" }),
            _ => ScriptedReply.Json(new { observations = Observations }),
        });
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory());

        var plans = await team.Planner.ProposeAsync(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty, 3, CancellationToken.None);

        Assert.Equal(3, plans.Count);
        Assert.Equal("Random forest with 500 trees on all measurements.", plans[0].Text);
        Assert.All(plans.Skip(1), p => Assert.StartsWith("builtin plan", p.Text, StringComparison.Ordinal));
        Assert.Equal(1, builtin.Calls);
        // Nothing lost: observations, 3 derive and 3 plan calls, 1 answered critique (the 500s carry no usage).
        Assert.Equal(800, plans.Sum(p => p.Usage.InputTokens));
        Assert.Equal(1 + 3 + 3 + 1 + (2 * (1 + LlmFixtures.FastSettings().MaxRetries)), server.Requests.Count);
    }

    [Fact]
    public async Task The_coder_counts_the_plan_usage_into_the_node()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program, "ok", 100, 10));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());
        var plan = new Roles.Plan("uniform", null, ["an observation"]) { Usage = new Roles.Usage(1000, 100, 0.01m) };

        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), plan, Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal(1100, output.Usage.InputTokens);
        Assert.Contains("1. an observation", server.Requests[0].LastUserMessage, StringComparison.Ordinal);
    }
}
