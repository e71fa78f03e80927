using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Core.Tasks;

/// <summary>The fields of a task folder's competition.yaml (all optional except where the loader says otherwise).</summary>
public sealed class CompetitionYaml
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Metric { get; set; }

    public string? IdColumn { get; set; }

    public List<string>? TargetColumns { get; set; }

    /// <summary>Train label columns when they differ from the targets (e.g. "species" for per-class probability columns).</summary>
    public List<string>? TrainTargetColumns { get; set; }

    public string? Answers { get; set; }

    public string? SampleSubmission { get; set; }

    public string? Train { get; set; }

    public string? Test { get; set; }

    public string? Description { get; set; }

    public string? Leaderboard { get; set; }

    /// <summary>binary, multiclass, multi_label or regression.</summary>
    public string? TaskType { get; set; }

    public string? PositiveLabel { get; set; }

    /// <summary>A train.csv column naming the entity each row belongs to (a patient, a store): the orchestrator's folds and check set keep an entity's rows together.</summary>
    public string? GroupColumn { get; set; }

    /// <summary>A train.csv column of dates or numbers that orders the rows in time: the check set is the latest rows and the folds are blocks of time.</summary>
    public string? TimeColumn { get; set; }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="UserFacingException"/> naming the file and line on bad YAML.</summary>
    public static CompetitionYaml Read(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        var text = File.ReadAllText(path);
        try
        {
            return deserializer.Deserialize<CompetitionYaml?>(text) ?? new CompetitionYaml();
        }
        catch (YamlException ex)
        {
            // Hand-written files often hold "name: Titanic: who survived?", which strict YAML rejects: read such flat
            // "key: value" files line by line; anything else is a real error.
            return ReadFlat(text) ?? throw new UserFacingException(
                $"{path}: line {ex.Start.Line}, column {ex.Start.Column}: invalid competition.yaml: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    private static CompetitionYaml? ReadFlat(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                return null;
            }

            var value = line[(colon + 1)..].Trim();
            var quoted = value.StartsWith('[') || value.StartsWith('"') || value.StartsWith('\'') || value.Length == 0
                ? value
                : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            builder.Append(line[..colon]).Append(": ").AppendLine(quoted);
        }

        try
        {
            return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                .Deserialize<CompetitionYaml?>(builder.ToString()) ?? new CompetitionYaml();
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>Writes this spec as YAML (used by task generators).</summary>
    public void Write(string path)
    {
        var serializer = new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build();
        File.WriteAllText(path, serializer.Serialize(this));
    }
}
