using System.Text.RegularExpressions;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Forge.Roles;

/// <summary>The builtin forge roles' knowledge, read from prompts/forge/knowledge.yaml.</summary>
public sealed class ForgeKnowledge
{
    public const string FileName = "knowledge.yaml";

    public IReadOnlyList<string> MissingTokens { get; init; } = [""];

    public string IdNamePattern { get; init; } = "^id$";

    public IReadOnlyList<string> EntityNameHints { get; init; } = [];

    public IReadOnlyList<string> TimeNameHints { get; init; } = [];

    public IReadOnlyList<string> PostOutcomeHints { get; init; } = [];

    public IReadOnlyList<string> PositiveLabels { get; init; } = [];

    public IReadOnlyList<string> TargetNameHints { get; init; } = [];

    public IReadOnlyDictionary<string, string> Metrics { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Stories { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<DatasetBlurb> Datasets { get; init; } = [];

    /// <summary>The sentence above the submission example in description.md.</summary>
    public string SubmissionText { get; init; } = "";

    /// <summary>The description.md template (placeholders in double braces).</summary>
    public string DescriptionTemplate { get; init; } = "";

    private Regex? _idName;

    public bool IsIdName(string column) =>
        (_idName ??= new Regex(IdNamePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(column);

    private HashSet<string>? _missing;

    /// <summary>True for a missing-value marker (surrounding spaces ignored); called for every cell, so a set lookup without trimming when it can.</summary>
    public bool IsMissing(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var set = _missing ??= new HashSet<string>(MissingTokens.Select(t => t.Trim()), StringComparer.Ordinal);
        var trimmed = value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) ? value.Trim() : value;
        return set.Contains(trimmed);
    }

    public static bool NameHas(string column, IEnumerable<string> hints) =>
        hints.Any(h => column.Contains(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads knowledge.yaml and description.md from <paramref name="forgePromptsDirectory"/> (prompts/forge).</summary>
    public static ForgeKnowledge Load(string forgePromptsDirectory)
    {
        var path = Path.Combine(forgePromptsDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{path}: the forge knowledge file is missing (expected prompts/forge/{FileName}).");
        }

        KnowledgeFile file;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            file = deserializer.Deserialize<KnowledgeFile>(File.ReadAllText(path)) ?? new KnowledgeFile();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new UserFacingException($"{path}: invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }

        var template = Path.Combine(forgePromptsDirectory, "description.md");
        return new ForgeKnowledge
        {
            MissingTokens = file.MissingTokens ?? [""],
            IdNamePattern = file.IdNamePattern ?? "^id$",
            EntityNameHints = file.EntityNameHints ?? [],
            TimeNameHints = file.TimeNameHints ?? [],
            PostOutcomeHints = file.PostOutcomeHints ?? [],
            PositiveLabels = file.PositiveLabels ?? [],
            TargetNameHints = file.TargetNameHints ?? [],
            Metrics = file.Metrics ?? [],
            Stories = file.Stories ?? [],
            Datasets = file.Datasets ?? [],
            SubmissionText = file.SubmissionText ?? "",
            DescriptionTemplate = File.Exists(template) ? File.ReadAllText(template) : "# {{title}}\n\n{{story}} {{ask}}\n\n## Evaluation\n\n{{evaluation}}\n",
        };
    }

    private sealed class KnowledgeFile
    {
        public List<string>? MissingTokens { get; set; }

        public string? IdNamePattern { get; set; }

        public List<string>? EntityNameHints { get; set; }

        public List<string>? TimeNameHints { get; set; }

        public List<string>? PostOutcomeHints { get; set; }

        public List<string>? PositiveLabels { get; set; }

        public List<string>? TargetNameHints { get; set; }

        public Dictionary<string, string>? Metrics { get; set; }

        public Dictionary<string, string>? Stories { get; set; }

        public List<DatasetBlurb>? Datasets { get; set; }

        public string? SubmissionText { get; set; }
    }
}

/// <summary>A known source's story, matched by a substring of the file name.</summary>
public sealed class DatasetBlurb
{
    public string Match { get; set; } = "";

    public string Story { get; set; } = "";
}
