using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Agents.Llm.Prompts;

/// <summary>A declared template variable.</summary>
public sealed record PromptVariable(string Name, string Description, bool IsRequired);

/// <summary>One message of a prompt: its role (system, user, assistant) and Semantic Kernel template.</summary>
public sealed record PromptMessage(string Role, string Template);

/// <summary>A prompt loaded from prompts/llm/&lt;name&gt;.yaml.</summary>
public sealed record PromptDefinition(string Name, string Description, string Path, IReadOnlyList<PromptMessage> Messages, IReadOnlyList<PromptVariable> InputVariables);

/// <summary>
/// The LLM prompts: YAML files in prompts/llm, each a list of messages whose templates use Semantic Kernel's
/// template syntax (<c>{{$variable}}</c>), plus shared text fragments (fragments.yaml) available to every
/// template as variables. Rendering yields a <see cref="ChatHistory"/>.
/// </summary>
public sealed class PromptLibrary
{
    public const string FragmentsFile = "fragments.yaml";
    private static readonly string[] NotPrompts = [FragmentsFile, "prices.yaml"];
    private readonly Dictionary<string, PromptDefinition> _prompts;
    private readonly Kernel _kernel = new();
    private readonly KernelPromptTemplateFactory _factory = new() { AllowDangerouslySetContent = true };

    private PromptLibrary(string directory, Dictionary<string, PromptDefinition> prompts, IReadOnlyDictionary<string, string> fragments)
    {
        Directory = directory;
        _prompts = prompts;
        Fragments = fragments;
    }

    public string Directory { get; }

    public IReadOnlyCollection<string> Names => _prompts.Keys;

    /// <summary>Shared template text (e.g. the solution contract), inlined wherever a template says <c>{{$name}}</c>.</summary>
    public IReadOnlyDictionary<string, string> Fragments { get; }

    /// <summary>Loads prompts/llm (pass the prompts/ folder or prompts/llm itself).</summary>
    public static PromptLibrary Load(string promptsDirectory)
    {
        ArgumentNullException.ThrowIfNull(promptsDirectory);
        var dir = System.IO.Path.GetFileName(promptsDirectory.TrimEnd('/')) == "llm" ? promptsDirectory : System.IO.Path.Combine(promptsDirectory, "llm");
        if (!System.IO.Directory.Exists(dir))
        {
            throw new UserFacingException($"{dir}: the LLM prompts folder is missing.");
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var fragmentsPath = System.IO.Path.Combine(dir, FragmentsFile);
        var fragments = File.Exists(fragmentsPath)
            ? Read<FragmentsFileModel>(deserializer, fragmentsPath)?.Fragments ?? []
            : new Dictionary<string, string>();
        var prompts = new Dictionary<string, PromptDefinition>(StringComparer.Ordinal);
        foreach (var path in System.IO.Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (NotPrompts.Contains(System.IO.Path.GetFileName(path)))
            {
                continue;
            }

            var definition = ToDefinition(Read<PromptFileModel>(deserializer, path), path);
            prompts[definition.Name] = definition;
        }

        return new PromptLibrary(dir, prompts, fragments);
    }

    public PromptDefinition Get(string name) =>
        _prompts.TryGetValue(name, out var p) ? p : throw new UserFacingException($"{Directory}: no prompt named '{name}' ({name}.yaml).");

    /// <summary>Renders every message of a prompt. Throws when a required variable is missing.</summary>
    public async Task<ChatHistory> RenderAsync(string name, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var prompt = Get(name);
        var missing = prompt.InputVariables.Where(v => v.IsRequired && (!variables.TryGetValue(v.Name, out var value) || value is null)).Select(v => v.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"{prompt.Path}: missing required variable(s) {string.Join(", ", missing)}.");
        }

        var arguments = new KernelArguments();
        foreach (var (key, value) in variables)
        {
            arguments[key] = value;
        }

        var history = new ChatHistory();
        foreach (var message in prompt.Messages)
        {
            var template = _factory.Create(new PromptTemplateConfig(InlineFragments(message.Template))
            {
                Name = prompt.Name,
                TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
                AllowDangerouslySetContent = true,
            });
            var text = (await template.RenderAsync(_kernel, arguments, cancellationToken).ConfigureAwait(false)).Trim();
            history.AddMessage(new AuthorRole(message.Role), text);
        }

        return history;
    }

    /// <summary>
    /// The template with every <c>{{$fragment}}</c> replaced by the fragment's text (fragments may use variables
    /// but not other fragments).
    /// </summary>
    public string InlineFragments(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var (name, text) in Fragments)
        {
            template = template.Replace("{{$" + name + "}}", text.TrimEnd(), StringComparison.Ordinal);
        }

        return template;
    }

    private static T? Read<T>(IDeserializer deserializer, string path)
    {
        try
        {
            return deserializer.Deserialize<T>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new UserFacingException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }
    }

    private static PromptDefinition ToDefinition(PromptFileModel? model, string path)
    {
        var fileName = System.IO.Path.GetFileNameWithoutExtension(path);
        if (model?.Messages is not { Count: > 0 } messages)
        {
            throw new UserFacingException($"{path}: expected 'messages' (a list of role/template entries).");
        }

        if (model.Name is { } declared && declared != fileName)
        {
            throw new UserFacingException($"{path}: name '{declared}' differs from the file name '{fileName}'.");
        }

        var parsed = messages.Select((m, i) =>
        {
            if (m.Role is not ("system" or "user" or "assistant") || string.IsNullOrWhiteSpace(m.Template))
            {
                throw new UserFacingException($"{path}: messages[{i}] needs role system, user or assistant and a non-empty template.");
            }

            return new PromptMessage(m.Role, m.Template);
        }).ToArray();
        var variables = (model.InputVariables ?? []).Select((v, i) => string.IsNullOrWhiteSpace(v.Name)
                ? throw new UserFacingException($"{path}: input_variables[{i}] has no name.")
                : new PromptVariable(v.Name, v.Description ?? "", v.IsRequired ?? true)).ToArray();
        return new PromptDefinition(fileName, model.Description ?? "", path, parsed, variables);
    }

    private sealed class PromptFileModel
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public List<MessageModel>? Messages { get; set; }

        public List<VariableModel>? InputVariables { get; set; }
    }

    private sealed class MessageModel
    {
        public string? Role { get; set; }

        public string? Template { get; set; }
    }

    private sealed class VariableModel
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool? IsRequired { get; set; }
    }

    private sealed class FragmentsFileModel
    {
        public Dictionary<string, string>? Fragments { get; set; }
    }
}
