using AgentML.Testing.ScriptedLlm;

namespace AgentML.Agents.Tests.Llm;

/// <summary>Structured replies: a JSON schema response format is sent; servers that ignore or reject it still work.</summary>
public sealed class StructuredOutputTests
{
    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    public async Task The_reviewer_sends_a_json_schema_and_reads_the_verdict(string provider)
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Json(new { is_buggy = true, summary = "Target encoding fitted on all rows.", concerns = new[] { "leakage", " " } }, 400, 60));
        var team = LlmFixtures.Team(server, provider, new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var review = await team.Reviewer.ReviewAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n7"), CancellationToken.None);

        Assert.True(review.IsBuggy);
        Assert.Equal("Target encoding fitted on all rows.", review.Summary);
        Assert.Equal(["leakage"], review.Concerns);
        Assert.Equal(new Roles.Usage(400, 60, 400 * 2.5m / 1_000_000 + 60 * 10m / 1_000_000), review.Usage);
        var request = Assert.Single(server.Requests);
        Assert.Equal("json_schema", request.ResponseFormatType);
        Assert.Contains("\"is_buggy\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("n7", request.LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_ignores_response_format_is_read_from_prose_and_fences()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Text("Here is my review:\n```json\n{\"is_buggy\": false, \"summary\": \"Fine.\", \"concerns\": []}\n```"));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var review = await team.Reviewer.ReviewAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), CancellationToken.None);

        Assert.False(review.IsBuggy);
        Assert.Equal("Fine.", review.Summary);
    }

    [Fact]
    public async Task Unparsable_json_gets_a_repair_turn()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Text("The program looks fine to me."), ScriptedReply.Json(new { is_buggy = false, summary = "ok", concerns = Array.Empty<string>() }));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var review = await team.Reviewer.ReviewAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), CancellationToken.None);

        Assert.Equal("ok", review.Summary);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("The program looks fine to me.", server.Requests[1].Messages[^2].Content);
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
        server.Enqueue(ScriptedReply.Json(new { is_buggy = false, summary = "ok", concerns = Array.Empty<string>() }));
        var team = LlmFixtures.Team(server, "openai", new FakeBuiltinTeam(), new RecordingLoggerFactory());

        var review = await team.Reviewer.ReviewAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), CancellationToken.None);

        Assert.Equal("ok", review.Summary);
        Assert.Equal("json_schema", server.Requests[0].ResponseFormatType);
        Assert.Null(server.Requests[1].ResponseFormatType);
    }

    [Fact]
    public async Task A_reviewer_whose_model_fails_falls_back_to_the_builtin_review()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.ServerError());
        var builtin = new FakeBuiltinTeam();
        var team = LlmFixtures.Team(server, "openai", builtin, new RecordingLoggerFactory());

        var review = await team.Reviewer.ReviewAsync(LlmFixtures.PenguinContext(), LlmFixtures.Node("n1"), CancellationToken.None);

        Assert.Equal("builtin review", review.Summary);
        Assert.Equal(1, builtin.Calls);
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

        await team.Coder.WriteAsync(LlmFixtures.PenguinContext(), new Roles.Plan("uniform", null, []), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(model, request.Model);
        Assert.Equal(temperature, request.HasTemperature);
    }
}
