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
