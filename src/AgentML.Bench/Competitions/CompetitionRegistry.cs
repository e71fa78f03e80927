using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Bench.Competitions;

/// <summary>
/// The built-in registry of MLE-bench competitions (embedded resource mlebench-competitions.yaml): metric, id
/// column, targets and file names of each competition whose grading AgentML's metrics express, and MLE-bench's splits.
/// </summary>
public sealed class CompetitionRegistry
{
    private const string ResourceName = "AgentML.Bench.mlebench-competitions.yaml";

    private readonly Dictionary<string, RegistryEntry> _entries;
    private readonly Dictionary<string, IReadOnlyList<string>> _splits;

    private CompetitionRegistry(RegistryFile file)
    {
        _entries = file.Competitions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _splits = file.Splits.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in registry.</summary>
    public static CompetitionRegistry BuiltIn { get; } = Load();

    public IReadOnlyCollection<RegistryEntry> Entries => _entries.Values;

    /// <summary>The names of the built-in splits (low, lite, ...).</summary>
    public IReadOnlyCollection<string> SplitNames => _splits.Keys;

    public RegistryEntry? Find(string competitionId) => _entries.GetValueOrDefault(competitionId);

    /// <summary>The ids of a built-in split, or null when there is no split of that name.</summary>
    public IReadOnlyList<string>? Split(string name) => _splits.GetValueOrDefault(name);

    /// <summary>Parses registry YAML (the embedded file, or a test's).</summary>
    public static CompetitionRegistry Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        var file = deserializer.Deserialize<RegistryFile>(yaml) ?? new RegistryFile();
        return new CompetitionRegistry(file);
    }

    private static CompetitionRegistry Load()
    {
        using var stream = typeof(CompetitionRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
