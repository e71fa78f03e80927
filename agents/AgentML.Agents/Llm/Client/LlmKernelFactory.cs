using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentML.Agents.Llm.Client;

/// <summary>Builds a Semantic Kernel with the chat completion service a model spec names; keys come from the environment.</summary>
public static class LlmKernelFactory
{
    public const string OpenAIKey = "OPENAI_API_KEY";
    public const string OpenAIBaseUrl = "OPENAI_BASE_URL";
    public const string AzureEndpoint = "AZURE_OPENAI_ENDPOINT";
    public const string AzureKey = "AZURE_OPENAI_API_KEY";
    public const string AzureApiVersion = "AZURE_OPENAI_API_VERSION";

    /// <summary>Creates the kernel. The HttpClient must not retry: Polly does (SK turns its own retries off when given one).</summary>
    public static Kernel Create(LlmModelSpec spec, Func<string, string?> environment, HttpClient httpClient, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(environment);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggerFactory);
#pragma warning disable SKEXP0010 // the endpoint overload is experimental in SK 1.x
        switch (spec.Provider)
        {
            case LlmProvider.OpenAI:
            {
                var key = Required(environment, OpenAIKey, spec);
                var baseUrl = environment(OpenAIBaseUrl);
                if (string.IsNullOrWhiteSpace(baseUrl))
                {
                    builder.AddOpenAIChatCompletion(spec.Model, key, httpClient: httpClient);
                }
                else
                {
                    builder.AddOpenAIChatCompletion(spec.Model, ParseUrl(baseUrl, OpenAIBaseUrl), key, httpClient: httpClient);
                }

                break;
            }

            case LlmProvider.Azure:
            {
                var endpoint = Required(environment, AzureEndpoint, spec);
                ParseUrl(endpoint, AzureEndpoint);
                var version = environment(AzureApiVersion);
                builder.AddAzureOpenAIChatCompletion(spec.Model, endpoint, Required(environment, AzureKey, spec),
                    httpClient: httpClient, apiVersion: string.IsNullOrWhiteSpace(version) ? null : version);
                break;
            }

            default:
            {
                // Local servers usually ignore the key; the OpenAI client needs one all the same.
                var key = environment(OpenAIKey);
                builder.AddOpenAIChatCompletion(spec.Model, spec.BaseUrl!, string.IsNullOrWhiteSpace(key) ? "no-key" : key, httpClient: httpClient);
                break;
            }
        }
#pragma warning restore SKEXP0010

        return builder.Build();
    }

    private static string Required(Func<string, string?> environment, string name, LlmModelSpec spec)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new UserFacingException($"--model {spec}: set the environment variable {name}.")
            : value.Trim();
    }

    private static Uri ParseUrl(string value, string name) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UserFacingException($"{name}='{value}': expected an http(s) URL.");
}
