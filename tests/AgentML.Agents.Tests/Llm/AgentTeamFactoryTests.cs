using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Roles;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>The factory's LLM branch: providers from --model and the environment, per-role models, the builtin default.</summary>
public sealed class AgentTeamFactoryTests
{
    [Fact]
    public void Builtin_everywhere_returns_the_builtin_team()
    {
        var builtin = new FakeBuiltinTeam();
        var options = new AgentTeamOptions { PromptsDirectory = TestPaths.Prompts, RoleModels = new Dictionary<string, string> { ["coder"] = "builtin" } };

        Assert.Same(builtin.Team, AgentTeamFactory.Create(options, new RecordingLoggerFactory(), builtin.Team));
    }

    [Fact]
    public async Task Openai_uses_the_key_and_base_url_from_the_environment()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program));
        var environment = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test", ["OPENAI_BASE_URL"] = server.OpenAIBaseUrl };
        var options = new AgentTeamOptions { Model = "openai:gpt-4.1-mini", PromptsDirectory = TestPaths.Prompts, Llm = LlmFixtures.FastSettings(environment.GetValueOrDefault) };

        var team = AgentTeamFactory.Create(options, new RecordingLoggerFactory(), new FakeBuiltinTeam().Team);
        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("p", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("openai:gpt-4.1-mini", output.Model);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test", request.Header("Authorization"));
        Assert.Equal("gpt-4.1-mini", request.Model);
    }

    [Fact]
    public async Task Azure_calls_the_deployment_with_the_api_key_header_and_an_api_version()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program));
        var team = LlmFixtures.Team(server, "azure", new FakeBuiltinTeam(), new RecordingLoggerFactory(), model: "prod-gpt4o");

        var output = await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("p", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Equal("azure:prod-gpt4o", output.Model);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/deployments/prod-gpt4o/chat/completions", request.Path);
        Assert.Equal("prod-gpt4o", request.Deployment);
        Assert.Equal("azure-test-key", request.Header("api-key"));
        Assert.StartsWith("api-version=", request.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai:gpt-4o", "OPENAI_API_KEY")]
    [InlineData("azure:prod", "AZURE_OPENAI_ENDPOINT")]
    public void A_missing_environment_variable_is_named(string model, string variable)
    {
        var options = new AgentTeamOptions { Model = model, PromptsDirectory = TestPaths.Prompts, Llm = LlmFixtures.FastSettings() };

        var e = Assert.Throws<UserFacingException>(() => AgentTeamFactory.Create(options, new RecordingLoggerFactory(), new FakeBuiltinTeam().Team));

        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        Assert.Contains(model, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_role_models_override_the_team_model_and_builtin_roles_stay_builtin()
    {
        await using var main = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program));
        await using var coderServer = ScriptedLlmServer.Start(_ => ScriptedReply.Code(LlmFixtures.Program));
        var builtin = new FakeBuiltinTeam();
        var options = new AgentTeamOptions
        {
            Model = $"openai-compatible:main-model@{main.OpenAIBaseUrl}",
            RoleModels = new Dictionary<string, string>
            {
                ["Coder"] = $"openai-compatible:coder-model@{coderServer.OpenAIBaseUrl}",
                ["merger"] = "builtin",
            },
            PromptsDirectory = TestPaths.Prompts,
            Llm = LlmFixtures.FastSettings(),
        };

        var team = AgentTeamFactory.Create(options, new RecordingLoggerFactory(), builtin.Team);
        var context = LlmFixtures.PenguinContext();
        await team.Coder.WriteAsync(context, new Roles.Plan("p", null, []), Roles.TreeSummary.Empty, CancellationToken.None);
        await team.Improver.ImproveAsync(context, LlmFixtures.Node("n1"), Roles.TreeSummary.Empty, CancellationToken.None);

        Assert.Same(builtin, team.Merger);
        Assert.IsType<LlmPlanner>(team.Planner);
        Assert.Equal("coder-model", Assert.Single(coderServer.Requests).Model);
        Assert.Equal("main-model", Assert.Single(main.Requests).Model);
    }

    [Fact]
    public void An_unknown_role_is_reported_with_the_known_roles()
    {
        var options = new AgentTeamOptions
        {
            Model = "openai-compatible:m@http://127.0.0.1:9/v1",
            RoleModels = new Dictionary<string, string> { ["painter"] = "openai:gpt-4o" },
            PromptsDirectory = TestPaths.Prompts,
        };

        var e = Assert.Throws<UserFacingException>(() => AgentTeamFactory.Create(options, new RecordingLoggerFactory(), new FakeBuiltinTeam().Team));

        Assert.Contains("painter", e.Message, StringComparison.Ordinal);
        Assert.Contains("debugger", e.Message, StringComparison.Ordinal);
    }
}
