using System.Globalization;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;
using YamlDotNet.Serialization;

namespace AgentML.Forge.Roles;

/// <summary>Writes a forged task's competition.yaml: the standard keys, a forge section (provenance) and, once verified, a verification section.</summary>
public static class CompetitionFile
{
    public const string FileName = "competition.yaml";

    public static IReadOnlyList<string> TargetColumns(TaskCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.SubmissionFormat == SubmissionFormat.ClassProbabilities ? candidate.Classes : [candidate.Target];
    }

    /// <summary>
    /// The column whose groups the test split kept apart, when train.csv keeps it: a solver's folds should keep them
    /// apart too (competition.yaml <c>group_column</c>); null for other splits and for known-groups designs.
    /// </summary>
    public static string? GroupColumn(TaskDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Split is { Kind: SplitKind.Group, Column: { } column, KnownGroup: null } && design.Features.Contains(column) ? column : null;
    }

    /// <summary>The column whose latest rows the test split held out, when train.csv keeps it: a solver's check set and folds follow time too (<c>time_column</c>).</summary>
    public static string? TimeColumn(TaskDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Split is { Kind: SplitKind.Time, Column: { } column } && design.Features.Contains(column) ? column : null;
    }

    public static void Write(ForgedTask task, string sourcePath, int seed, VerificationSummary? verification = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var design = task.Design;
        var candidate = design.Candidate;
        var document = new Dictionary<string, object?>
        {
            ["id"] = design.TaskId,
            ["name"] = design.Title,
            ["metric"] = candidate.Metric,
            ["id_column"] = design.IdColumn,
            ["target_columns"] = TargetColumns(candidate).ToList(),
            ["train_target_columns"] = new List<string> { candidate.Target },
            ["task_type"] = candidate.TaskType.ToString().ToLowerInvariant(),
            ["positive_label"] = candidate.SubmissionFormat == SubmissionFormat.Probability ? "1" : null,
            ["group_column"] = GroupColumn(design),
            ["time_column"] = TimeColumn(design),
            ["answers"] = "private/answers.csv",
            ["sample_submission"] = "public/sample_submission.csv",
            ["forge"] = new Dictionary<string, object?>
            {
                ["source"] = Path.GetFileName(sourcePath),
                ["seed"] = seed,
                ["target"] = candidate.Target,
                ["positive_label"] = candidate.PositiveLabel,
                ["rationale"] = candidate.Rationale,
                ["split"] = $"{design.Split.Kind.ToString().ToLowerInvariant()}: {design.Split.Reason}",
                ["train_rows"] = task.TrainRows,
                ["test_rows"] = task.TestRows,
                ["dropped_columns"] = design.Dropped.ToDictionary(d => d.Name, d => d.Reason),
                ["brainstormer"] = candidate.Origin == ForgeOrigins.Builtin ? null : candidate.Origin,
                ["designer"] = design.DesignedBy == ForgeOrigins.Builtin && design.Notes.Count == 0 ? null : design.DesignedBy,
                ["llm_notes"] = design.Notes.Count == 0 ? null : design.Notes.ToList(),
            },
        };
        if (verification is not null)
        {
            document["verification"] = verification.ToYaml();
        }

        RemoveNulls(document);
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build();
        var path = Path.Combine(task.Folder, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, serializer.Serialize(document));
        File.Move(temp, path, overwrite: true);
    }

    private static void RemoveNulls(Dictionary<string, object?> map)
    {
        foreach (var key in map.Keys.ToArray())
        {
            if (map[key] is null)
            {
                map.Remove(key);
            }
            else if (map[key] is Dictionary<string, object?> inner)
            {
                RemoveNulls(inner);
            }
        }
    }
}

/// <summary>What the verification found, as recorded in competition.yaml.</summary>
public sealed record VerificationSummary(bool Accepted, BaselineScores? Scores, IReadOnlyList<VerificationCheck> Failed)
{
    public Dictionary<string, object?> ToYaml()
    {
        var yaml = new Dictionary<string, object?> { ["status"] = Accepted ? "accepted" : "rejected" };
        if (Scores is not null)
        {
            yaml["metric"] = Scores.Metric;
            yaml["baseline_score"] = Round(Scores.BaselineScore);
            yaml["dummy_score"] = Round(Scores.DummyScore);
            yaml["gain"] = Round(Scores.Gain);
            yaml["baseline_seconds"] = Math.Round(Scores.Duration.TotalSeconds, 1);
        }

        if (Failed.Count > 0)
        {
            yaml["reasons"] = Failed.Select(f => $"{f.Stage.ToString().ToLowerInvariant()}/{f.Name}: {f.Detail}").ToList();
        }

        return yaml;
    }

    private static double Round(double value) => double.Parse(value.ToString("G10", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
