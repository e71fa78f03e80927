using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Llm;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Forge.Tests.Llm;

/// <summary>The LLM brainstormer over real HTTP to the scripted server, on the raw penguins file.</summary>
public sealed class LlmBrainstormerTests
{
    private static readonly ForgeKnowledge Knowledge = ForgeLlmFixtures.Knowledge;

    [Fact]
    public async Task Valid_model_candidates_are_kept_first_and_invalid_ones_are_rejected()
    {
        await using var server = ScriptedLlmServer.Start();
        server.Enqueue(ScriptedReply.Json(new
        {
            candidates = new object[]
            {
                new { target = "row_id", task_type = "regression", metric = "rmse", justification = "An identifier." },
                new { target = "body_mass_g", task_type = "regression", metric = "mae", justification = "Body mass from the measurements; MAE in grams." },
                new { target = "species", task_type = "multiclass", metric = "rmse", justification = "Wrong metric." },
            },
        }));
        var (brainstormer, data) = Build(server);

        var candidates = await brainstormer.BrainstormAsync(data, 4, CancellationToken.None);

        Assert.Equal(4, candidates.Count);
        var first = candidates[0];
        Assert.Equal(("body_mass_g", TaskType.Regression, "mae", SubmissionFormat.Value), (first.Target, first.TaskType, first.Metric, first.SubmissionFormat));
        Assert.Contains("MAE in grams", first.Rationale, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 4), candidates.Select(c => c.Rank));
        Assert.DoesNotContain(candidates, c => c.Target == "row_id");
        Assert.DoesNotContain(candidates, c => c.Metric == "rmse" && c.TaskType != TaskType.Regression);
        Assert.Single(candidates, c => c.Target == "body_mass_g");
        Assert.Contains(brainstormer.Notes, n => n.Contains("rejected candidate 'row_id': no such column", StringComparison.Ordinal));
        Assert.Contains(brainstormer.Notes, n => n.Contains("'species'", StringComparison.Ordinal) && n.Contains("rmse", StringComparison.Ordinal));
        var request = Assert.Single(server.Requests);
        Assert.Contains("bill_length_mm", request.Body, StringComparison.Ordinal);
        Assert.Contains("json_schema", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_falls_back_to_the_builtin_brainstormer_with_a_note()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.ServerError());
        var (brainstormer, data) = Build(server);

        var candidates = await brainstormer.BrainstormAsync(data, 3, CancellationToken.None);

        var builtin = await new BuiltinBrainstormer(Knowledge).BrainstormAsync(data, 3, CancellationToken.None);
        Assert.Equal(builtin.Select(Key), candidates.Select(Key));
        Assert.True(server.Requests.Count > 1);
        var note = Assert.Single(brainstormer.Notes);
        Assert.Contains("fell back to the builtin brainstormer", note, StringComparison.Ordinal);
    }

    private static (string, TaskType, string, SubmissionFormat, string?, int) Key(TaskCandidate c) =>
        (c.Target, c.TaskType, c.Metric, c.SubmissionFormat, c.Variant, c.Rank);

    private static (LlmBrainstormer Brainstormer, RawDataset Data) Build(ScriptedLlmServer server) =>
        (Assert.IsType<LlmBrainstormer>(ForgeLlmFixtures.Team(server).Brainstormer), ForgeLlmFixtures.Penguins());
}
