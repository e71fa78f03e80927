using AgentML.Agents.Llm.Client;

namespace AgentML.Agents.Tests.Llm;

public sealed class ModelSpecTests
{
    [Theory]
    [InlineData("openai:gpt-4.1", LlmProvider.OpenAI, "gpt-4.1", null)]
    [InlineData("azure:my-deployment", LlmProvider.Azure, "my-deployment", null)]
    [InlineData("openai-compatible:llama3.1:8b@http://localhost:11434/v1", LlmProvider.OpenAICompatible, "llama3.1:8b", "http://localhost:11434/v1")]
    [InlineData("OpenAI-Compatible:qwen@https://vllm.internal/v1", LlmProvider.OpenAICompatible, "qwen", "https://vllm.internal/v1")]
    public void Specs_parse(string text, LlmProvider provider, string model, string? url)
    {
        var spec = LlmModelSpec.Parse(text);

        Assert.Equal(provider, spec.Provider);
        Assert.Equal(model, spec.Model);
        Assert.Equal(url, spec.BaseUrl?.ToString().TrimEnd('/'));
    }

    [Theory]
    [InlineData("gpt-4.1")]
    [InlineData("anthropic:claude")]
    [InlineData("openai:")]
    [InlineData("openai-compatible:llama")]
    [InlineData("openai-compatible:llama@ftp://x")]
    public void Bad_specs_say_what_is_expected(string text)
    {
        var e = Assert.Throws<UserFacingException>(() => LlmModelSpec.Parse(text));

        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("openai-compatible:<model>@<base-url>", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("o1", true)]
    [InlineData("o1-mini", true)]
    [InlineData("o3-mini", true)]
    [InlineData("o4-mini", true)]
    [InlineData("gpt-5", true)]
    [InlineData("gpt-5-mini", true)]
    [InlineData("openai/o3", true)]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-4.1-mini", false)]
    [InlineData("llama3.1:8b", false)]
    [InlineData("o2x", false)]
    public void Reasoning_models_are_recognised(string model, bool reasoning) =>
        Assert.Equal(reasoning, new LlmModelSpec(LlmProvider.OpenAI, model, null).IsReasoningModel);

    [Theory]
    [InlineData(null, true)]
    [InlineData("builtin", true)]
    [InlineData(" Builtin ", true)]
    [InlineData("openai:gpt-4o", false)]
    public void Builtin_is_recognised(string? text, bool builtin) => Assert.Equal(builtin, LlmModelSpec.IsBuiltinSpec(text));
}

public sealed class RoleModelOptionTests
{
    [Fact]
    public void Role_models_parse_from_role_equals_spec()
    {
        var parsed = Agents.Llm.LlmTeam.ParseRoleModels(["Planner=openai:o3", "debugger = builtin", "coder=openai-compatible:q@http://h:1/v1"]);

        Assert.Equal("openai:o3", parsed["planner"]);
        Assert.Equal("builtin", parsed["debugger"]);
        Assert.Equal("openai-compatible:q@http://h:1/v1", parsed["coder"]);
    }

    [Theory]
    [InlineData("painter=openai:gpt-4o", "painter")]
    [InlineData("openai:gpt-4o", "<role>=<model spec>")]
    [InlineData("coder=gpt-4o", "coder")]
    public void Bad_role_models_are_reported(string value, string expected) =>
        Assert.Contains(expected, Assert.Throws<UserFacingException>(() => Agents.Llm.LlmTeam.ParseRoleModels([value])).Message, StringComparison.Ordinal);
}
