namespace AgentML.Bench.Agents;

/// <summary>The files bench places in every agent sandbox, read from prompts/bench/.</summary>
public sealed record BenchResources(string InstructionsTemplate, string ValidateScript)
{
    public const string InstructionsFile = "instructions.txt";
    public const string ValidateScriptFile = "validate_submission.py";

    /// <summary>Reads prompts/bench/ under <paramref name="promptsDirectory"/> (default: <see cref="PromptsLocation.Default"/>).</summary>
    public static BenchResources Load(string? promptsDirectory = null)
    {
        var dir = Path.Combine(promptsDirectory ?? PromptsLocation.Default, "bench");
        string Read(string name)
        {
            var path = Path.Combine(dir, name);
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new UserFacingException($"Bench resource {path} is missing; the prompts folder is incomplete.");
        }

        return new BenchResources(Read(InstructionsFile), Read(ValidateScriptFile));
    }

    /// <summary>The instructions with each {name} replaced by its value.</summary>
    public string Instructions(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = InstructionsTemplate;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
