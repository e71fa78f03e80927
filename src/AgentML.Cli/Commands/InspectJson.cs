using System.Text.Json;
using System.Text.Json.Serialization;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;

namespace AgentML.Cli.Commands;

/// <summary>The JSON of `agentml inspect --json`: { task, inferences, profile } in snake_case.</summary>
internal static class InspectJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(TaskSpec task, DataProfile? profile)
    {
        var document = new
        {
            Task = new
            {
                task.Id,
                task.Name,
                task.RootDirectory,
                task.PublicDirectory,
                task.TrainPath,
                task.TestPath,
                task.SampleSubmissionPath,
                task.AnswersPath,
                task.LeaderboardPath,
                task.Metric,
                MetricHigherIsBetter = MetricRegistry.Get(task.Metric).HigherIsBetter,
                task.IdColumn,
                task.TargetColumns,
                task.TrainTargetColumns,
                task.TaskType,
                task.SubmissionFormat,
                task.ClassLabels,
                task.TargetClassLabels,
                task.PositiveLabel,
                task.GroupColumn,
                task.TimeColumn,
                task.TestFromSampleSubmission,
                task.TestFolder,
                task.FileColumns,
            },
            task.Inferences,
            Profile = profile is null ? null : new
            {
                profile.TrainRows,
                profile.TestRows,
                profile.ClassCounts,
                Columns = profile.Columns.Select(c => new
                {
                    c.Name,
                    c.Kind,
                    c.KindReason,
                    c.MissingShare,
                    c.Cardinality,
                    c.MeanLength,
                    c.Numeric,
                    TopValues = c.TopValues.Select(kv => new { Value = kv.Key, Count = kv.Value }),
                }),
            },
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
