using AgentML.Agents.Llm.Replies;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>Structured replies: a JSON schema response format is sent; servers that ignore or reject it still work.</summary>
public sealed class StructuredOutputTests
{
    private static async Task<(CritiqueReply Reply, Roles.Usage Usage)> CritiqueAsync(ScriptedLlmServer server, string provider = "openai")
    {
        var kit = LlmFixtures.Kit(server, provider);
        var variables = kit.Variables(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty);
        variables.Set("plan", "plan p7: target-encode the island on all rows, then gradient boosting");
        return await kit.AskJsonAsync<CritiqueReply>("planner", "plansearch-critique", variables, CancellationToken.None);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    public async Task A_json_prompt_sends_a_json_schema_and_reads_the_reply(string provider)
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Json(new { criticism = "Target encoding fitted on all rows.", fixed_plan = "Fit the encoding inside each fold." }, 400, 60));

        var (critique, usage) = await CritiqueAsync(server, provider);

        Assert.Equal("Target encoding fitted on all rows.", critique.Criticism);
        Assert.Equal("Fit the encoding inside each fold.", critique.FixedPlan);
        Assert.Equal(new Roles.Usage(400, 60, 400 * 2.5m / 1_000_000 + 60 * 10m / 1_000_000), usage);
        var request = Assert.Single(server.Requests);
        Assert.Equal("json_schema", request.ResponseFormatType);
        Assert.Contains("\"fixed_plan\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("plan p7", request.LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_ignores_response_format_is_read_from_prose_and_fences()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Text("Here is my criticism:\n```json\n{\"criticism\": \"None.\", \"fixed_plan\": \"Fine.\"}\n```"));

        var (critique, _) = await CritiqueAsync(server);

        Assert.Equal("Fine.", critique.FixedPlan);
    }

    [Fact]
    public async Task Unparsable_json_gets_a_repair_turn()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Text("The plan looks fine to me."), ScriptedReply.Json(new { criticism = "", fixed_plan = "ok" }));

        var (critique, _) = await CritiqueAsync(server);

        Assert.Equal("ok", critique.FixedPlan);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("The plan looks fine to me.", server.Requests[1].Messages[^2].Content);
        Assert.Contains("JSON", server.Requests[1].LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_rejects_response_format_is_asked_again_without_it()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(new ScriptedReply
        {
            Status = 400,
            Body = _ => """{"error":{"message":"response_format json_schema is not supported by this model","type":"invalid_request_error"}}""",
            Kind = "400",
        });
        server.Enqueue(ScriptedReply.Json(new { criticism = "", fixed_plan = "ok" }));

        var (critique, _) = await CritiqueAsync(server);

        Assert.Equal("ok", critique.FixedPlan);
        Assert.Equal("json_schema", server.Requests[0].ResponseFormatType);
        Assert.Null(server.Requests[1].ResponseFormatType);
    }

    [Theory]
    [InlineData("o3-mini", false)]
    [InlineData("gpt-5", false)]
    [InlineData("gpt-4o", true)]
    public async Task Reasoning_models_get_no_temperature(string model, bool temperature)
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Code(LlmFixtures.Program));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory(), model: model);

        await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("uniform", null, []), Roles.TreeSummary.Empty, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(model, request.Model);
        Assert.Equal(temperature, request.HasTemperature);
    }
}
