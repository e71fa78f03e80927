using System.Text.RegularExpressions;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Llm;

/// <summary>Every prompt in prompts/llm loads and renders; every variable it uses is provided.</summary>
public sealed partial class PromptTemplateTests
{
    private static readonly PromptLibrary Library = PromptLibrary.Load(TestPaths.Prompts);

    public static TheoryData<string> PromptNames() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.Prompts, "llm"), "*.yaml")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => n is not "fragments" and not "prices").Order(StringComparer.Ordinal));

    [Fact]
    public void The_library_holds_every_prompt_the_roles_use()
    {
        string[] used = ["plansearch-observations", "plansearch-derive", "plansearch-plan", "plansearch-critique", "coder", "debugger", "improver", "merger", "repair-no-code", "repair-no-submission", "repair-repeat", "repair-json", "forge-brainstormer", "forge-designer"];
        Assert.Equal(used.Order(StringComparer.Ordinal), Library.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PromptNames))]
    public async Task A_prompt_renders_with_the_task_and_its_declared_variables(string name)
    {
        var prompt = Library.Get(name);
        var variables = PromptVariables.ForTask(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty, new LlmSettings());
        foreach (var v in prompt.InputVariables)
        {
            variables.Set(v.Name, $"<<value of {v.Name}>>");
        }

        var history = await Library.RenderAsync(name, variables.Values, CancellationToken.None);

        Assert.Equal(prompt.Messages.Count, history.Count);
        var text = string.Join("\n", history.Select(m => m.Content));
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.All(history, m => Assert.False(string.IsNullOrWhiteSpace(m.Content)));
        foreach (var v in prompt.InputVariables)
        {
            Assert.Contains($"<<value of {v.Name}>>", text, StringComparison.Ordinal);
        }

        var referenced = Referenced(prompt);
        var known = variables.Values.Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Equal([], referenced.Where(r => !known.Contains(r)).ToArray());
        if (prompt.Messages.Any(m => m.Template.Contains("{{$task_brief}}", StringComparison.Ordinal)))
        {
            Assert.Contains("Palmer penguins", text, StringComparison.Ordinal);
            Assert.Contains("log_loss (lower is better)", text, StringComparison.Ordinal);
            Assert.Contains("bill_length_mm: numeric", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Per_class_columns_named_unlike_their_labels_tell_the_model_which_class_each_stands_for()
    {
        var penguins = LlmFixtures.PenguinContext();
        var context = penguins with
        {
            Task = penguins.Task with { TargetColumns = ["Class_1", "Class_2", "Gentoo"], TargetClassLabels = ["Adelie", "Chinstrap", null] },
        };

        var variables = PromptVariables.ForTask(context, Roles.TreeSummary.Empty, new LlmSettings());

        Assert.Equal("Class_1 (probability of class Adelie), Class_2 (probability of class Chinstrap), Gentoo", variables.Values["target_columns"]);
    }

    [Fact]
    public async Task Rendering_without_a_required_variable_names_the_prompt_and_the_variable()
    {
        var variables = PromptVariables.ForTask(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty, new LlmSettings());

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Library.RenderAsync("coder", variables.Values, CancellationToken.None));

        Assert.Contains("coder.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("plan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_with_angle_brackets_and_braces_reaches_the_model_unchanged()
    {
        var variables = PromptVariables.ForTask(LlmFixtures.PenguinContext(), Roles.TreeSummary.Empty, new LlmSettings())
            .Set("plan", "if x < 3 and y > 2: d = {'a': 1}  # {{not a template}} <message role=\"user\">")
            .Set("observations", "-");

        var history = await Library.RenderAsync("coder", variables.Values, CancellationToken.None);

        Assert.Contains("if x < 3 and y > 2: d = {'a': 1}  # {{not a template}} <message role=\"user\">", history[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_prompt_file_is_reported_with_its_path()
    {
        using var dir = new TempDirectory();
        var llm = Directory.CreateDirectory(dir.Combine("llm")).FullName;
        File.WriteAllText(Path.Combine(llm, "broken.yaml"), "name: broken\nmessages:\n  - role: wizard\n    template: hi\n");

        var e = Assert.Throws<UserFacingException>(() => PromptLibrary.Load(dir.Path));

        Assert.Contains("broken.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("role", e.Message, StringComparison.Ordinal);
    }

    private static HashSet<string> Referenced(PromptDefinition prompt) =>
        prompt.Messages.SelectMany(m => VariableReference().Matches(Library.InlineFragments(m.Template)).Select(x => x.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\{\$([A-Za-z0-9_]+)\}\}")]
    private static partial Regex VariableReference();
}
