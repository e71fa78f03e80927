using System.Text.RegularExpressions;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Forge.Roles;

/// <summary>The builtin forge roles' knowledge, read from prompts/forge/knowledge.yaml.</summary>
public sealed partial class ForgeKnowledge
{
    public const string FileName = "knowledge.yaml";

    public IReadOnlyList<string> MissingTokens { get; init; } = [""];

    public string IdNamePattern { get; init; } = "^id$";

    public IReadOnlyList<string> EntityNameHints { get; init; } = [];

    public IReadOnlyList<string> TimeNameHints { get; init; } = [];

    public IReadOnlyList<string> PostOutcomeHints { get; init; } = [];

    public IReadOnlyList<string> PositiveLabels { get; init; } = [];

    public IReadOnlyList<string> TargetNameHints { get; init; } = [];

    /// <summary>Whole column names that are a target by convention (y, label, ...).</summary>
    public IReadOnlyList<string> TargetNames { get; init; } = [];

    /// <summary>Words in a column name that mark a code naming a group (integer codes are categorical, never numeric targets).</summary>
    public IReadOnlyList<string> CodeNameHints { get; init; } = [];

    /// <summary>Words in a column name that mark bookkeeping or location rather than an outcome (ranked last as targets).</summary>
    public IReadOnlyList<string> BookkeepingNameHints { get; init; } = [];

    /// <summary>Unit words by the name part that marks them (e.g. "kg" → "kilograms" for weight_kg), for the data dictionary.</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Metrics { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Stories { get; init; } = new Dictionary<string, string>();

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

    /// <summary>True when the column's name reads like a target: a target word in it, or a conventional target name.</summary>
    public bool ReadsLikeTarget(string column) =>
        NameHas(column, TargetNameHints) || TargetNames.Contains(column.Trim(), StringComparer.OrdinalIgnoreCase);

    public static bool NameHas(string column, IEnumerable<string> hints) =>
        hints.Any(h => column.Contains(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when one of the words of <paramref name="column"/> (split at non-letters and camelCase) is a hint.</summary>
    public static bool NameHasWord(string column, IEnumerable<string> hints)
    {
        var words = Words(column);
        return hints.Any(h => words.Contains(h, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The words of a column name, lower case: "bodyMass_g" → body, mass, g.</summary>
    public static IReadOnlyList<string> Words(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return WordSplit().Split(CamelBoundary().Replace(column, "$1 $2")).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToArray();
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex WordSplit();

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
            TargetNames = file.TargetNames ?? [],
            CodeNameHints = file.CodeNameHints ?? [],
            BookkeepingNameHints = file.BookkeepingNameHints ?? [],
            Units = file.Units ?? [],
            Metrics = file.Metrics ?? [],
            Stories = file.Stories ?? [],
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

        public List<string>? TargetNames { get; set; }

        public List<string>? CodeNameHints { get; set; }

        public List<string>? BookkeepingNameHints { get; set; }

        public Dictionary<string, string>? Units { get; set; }

        public Dictionary<string, string>? Metrics { get; set; }

        public Dictionary<string, string>? Stories { get; set; }

        public string? SubmissionText { get; set; }
    }
}
