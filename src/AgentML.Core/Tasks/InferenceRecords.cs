using AgentML.Core.Data;

namespace AgentML.Core.Tasks;

/// <summary>What task inference needs: the public tables, the statement, and whatever competition.yaml fixed.</summary>
internal sealed record InferenceInput(CsvTable Train, CsvTable Test, CsvTable Sample, string Description, CompetitionYaml? Yaml, TaskLoadOptions Options);

/// <summary>What task inference decided.</summary>
internal sealed record InferenceResult(
    string IdColumn,
    IReadOnlyList<string> TargetColumns,
    IReadOnlyList<string> TrainTargetColumns,
    TaskType TaskType,
    SubmissionFormat Format,
    string Metric,
    IReadOnlyList<string> ClassLabels,
    IReadOnlyList<string?> TargetClassLabels,
    string? PositiveLabel,
    IReadOnlyList<Inference> Inferences);
