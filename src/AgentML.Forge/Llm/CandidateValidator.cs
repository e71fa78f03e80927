using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Llm;

/// <summary>
/// Checks a model's task idea against the data: the target exists and can be a target (the builtin
/// <see cref="TargetScreen"/>), the task type is the one the column's values make, and the metric is known to
/// <see cref="MetricRegistry"/> and fits that type. A valid idea becomes a candidate built on the builtin
/// formulation of the same column (classes, positive label), with the model's metric and justification.
/// </summary>
public sealed class CandidateValidator(TargetScreen screen)
{
    /// <summary>The candidate, or null with why the idea was rejected.</summary>
    public (TaskCandidate? Candidate, string? Rejection) Validate(RawDataset data, CandidateIdea idea, IReadOnlyList<TaskCandidate> builtin)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(idea);
        ArgumentNullException.ThrowIfNull(builtin);
        var target = idea.Target.Trim();
        if (data.Profile.Column(target) is not { } column)
        {
            return (null, $"'{target}': no such column");
        }

        if (screen.WhyNot(data, column) is { } why)
        {
            return (null, $"'{target}': not a target ({why})");
        }

        var main = builtin.FirstOrDefault(c => c.Target == target && c.Variant is null);
        if (main is null)
        {
            return (null, $"'{target}': no formulation fits its values");
        }

        if (!Enum.TryParse<TaskType>(idea.TaskType.Trim(), ignoreCase: true, out var type) || type != main.TaskType)
        {
            return (null, $"'{target}': task type '{idea.TaskType}' does not fit the column (its values make a {main.TaskType.ToString().ToLowerInvariant()} task)");
        }

        if (MetricRegistry.Canonical(idea.Metric.Trim()) is not { } metric)
        {
            return (null, $"'{target}': unknown metric '{idea.Metric}'");
        }

        if (Format(metric, type) is not { } format)
        {
            return (null, $"'{target}': metric {metric} does not fit a {type.ToString().ToLowerInvariant()} task");
        }

        var justification = string.IsNullOrWhiteSpace(idea.Justification) ? main.Rationale : $"{target}: {idea.Justification.Trim()}";
        return (main with
        {
            Metric = metric,
            SubmissionFormat = format,
            PositiveLabel = format == SubmissionFormat.Probability ? main.PositiveLabel ?? main.Classes[^1] : null,
            Rationale = justification,
        }, null);
    }

    private static SubmissionFormat? Format(string metric, TaskType type) => (MetricRegistry.Get(metric).InputKind, type) switch
    {
        (MetricInputKind.Values, TaskType.Regression) => SubmissionFormat.Value,
        (MetricInputKind.Labels, TaskType.Binary or TaskType.Multiclass) => SubmissionFormat.Label,
        (MetricInputKind.Probabilities, TaskType.Binary) => SubmissionFormat.Probability,
        (MetricInputKind.Probabilities, TaskType.Multiclass) when metric == MetricNames.LogLoss => SubmissionFormat.ClassProbabilities,
        _ => null,
    };
}
