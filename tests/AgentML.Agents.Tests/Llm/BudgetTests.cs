using AgentML.Agents.Llm.Client;
using AgentML.Testing.ScriptedLlm;
using Microsoft.Extensions.Time.Testing;

namespace AgentML.Agents.Tests.Llm;

/// <summary>--max-llm-cost: LLM calls stop at the limit and the builtin roles carry on.</summary>
public sealed class BudgetTests
{
    [Fact]
    public async Task The_budget_stops_llm_calls_at_the_limit_and_the_builtin_roles_continue()
    {
        // gpt-4o: 100k input tokens cost $0.25 and 5k output tokens $0.05, so each call costs $0.30.
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program, "ok", 100_000, 5_000));
        var builtin = new FakeBuiltinTeam();
        var budget = new LlmBudget(maxCost: 0.75m);
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), budget: budget);
        var context = LlmFixtures.PenguinContext();

        var outputs = new List<Roles.AgentOutput>();
        for (var i = 0; i < 5; i++)
        {
            outputs.Add(await team.Coder.WriteAsync(context, new Roles.Plan($"plan {i}", null, []), Roles.TreeSummary.Empty, CancellationToken.None));
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(["llm", "llm", "llm", "builtin", "builtin"], outputs.Select(o => o.Agent));
        Assert.Equal(0.90m, budget.Total.Cost);
        Assert.Equal(300_000, budget.Total.InputTokens);
        Assert.Equal(3, budget.Calls.Count);
        Assert.Equal(2, budget.Refused);
        Assert.True(budget.IsExhausted);
        Assert.All(outputs.Take(3), o => Assert.Equal(0.30m, o.Usage.Cost));
        Assert.All(outputs.Skip(3), o => Assert.Contains(o.Notes, n => n.Contains("Budget", StringComparison.Ordinal) && n.Contains("--max-llm-cost", StringComparison.Ordinal)));
        Assert.Equal(2, builtin.Calls);
    }

    [Fact]
    public async Task A_zero_budget_makes_no_call_at_all()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program));
        var builtin = new FakeBuiltinTeam();
        var options = new AgentTeamOptions
        {
            Model = $"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}",
            MaxLlmCost = 0m,
            PromptsDirectory = Testing.TestPaths.Prompts,
            Llm = LlmFixtures.FastSettings(),
        };
        var team = AgentTeamFactory.Create(options, new RecordingLoggerFactory(), builtin.Team);

        var plans = await team.Planner.ProposeAsync(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty, 2, CancellationToken.None);

        Assert.Empty(server.Requests);
        Assert.Equal(2, plans.Count);
        Assert.All(plans, p => Assert.StartsWith("builtin plan", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_beyond_the_rate_of_the_last_minute_are_not_sent_and_the_builtin_role_writes_the_node()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builtin = new FakeBuiltinTeam();
        var budget = new LlmBudget(maxRequestsPerMinute: 2, time: time);
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory(), LlmFixtures.FastSettings() with { TimeProvider = time }, budget);
        var context = LlmFixtures.PenguinContext();
        Task<Roles.AgentOutput> WriteAsync() => team.Coder.WriteAsync(context, new Roles.Plan("plan", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal(new[] { "llm", "llm", "builtin" }, new[] { (await WriteAsync()).Agent, (await WriteAsync()).Agent, (await WriteAsync()).Agent });
        time.Advance(TimeSpan.FromSeconds(59));
        var refused = await WriteAsync();
        Assert.Equal("builtin", refused.Agent);
        Assert.Contains(refused.Notes, n => n.Contains("RateLimited", StringComparison.Ordinal) && n.Contains("--llm-requests-per-minute", StringComparison.Ordinal));

        // The window slides: a minute after the first two requests, two more may be sent.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { "llm", "llm", "builtin" }, new[] { (await WriteAsync()).Agent, (await WriteAsync()).Agent, (await WriteAsync()).Agent });
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, budget.Refused);
    }

    [Fact]
    public void A_rate_below_one_request_per_minute_is_refused() =>
        Assert.Contains("--llm-requests-per-minute", Assert.Throws<UserFacingException>(() => new LlmBudget(maxRequestsPerMinute: 0)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_negative_budget_is_refused() =>
        Assert.Contains("--max-llm-cost", Assert.Throws<UserFacingException>(() => new LlmBudget(-1m)).Message, StringComparison.Ordinal);
}

public sealed class BudgetLedgerTests
{
    [Fact]
    public void What_a_resumed_run_spent_before_counts_against_the_limit()
    {
        var budget = new Agents.Llm.Client.LlmBudget(1.00m, new Roles.Usage(10, 10, 0.60m));
        budget.EnsureAvailable();
        budget.Record(new Agents.Llm.Client.LlmCallRecord("coder", "m", 1, 1, 0.40m, TimeSpan.Zero, "ok"));

        var e = Assert.Throws<Agents.Llm.Client.LlmUnavailableException>(budget.EnsureAvailable);

        Assert.Equal(Agents.Llm.Client.LlmFailure.Budget, e.Failure);
        Assert.Equal(1.00m, budget.Total.Cost);
        Assert.Equal(1, budget.Refused);
    }
}
