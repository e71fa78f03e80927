using System.Globalization;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Core.Metrics;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge.Llm;

/// <summary>
/// Asks the model for a task design (prompts/llm/forge-designer.yaml, JSON schema reply): the split, extra columns
/// to drop and the parts of description.md. The builtin designer's design is the base: the model's choices replace
/// its pieces only where they hold against the data (<see cref="DesignValidator"/>, <see cref="DescriptionValidator"/>);
/// each rejected piece leaves a note on the design. When the model is unavailable (transport failures, open circuit,
/// spent budget) the whole builtin design is used, with a note.
/// </summary>
public sealed class LlmDesigner : IDesigner
{
    public const string Role = "designer";
    private readonly LlmRoleKit _kit;
    private readonly BuiltinDesigner _fallback;
    private readonly DesignValidator _design;
    private readonly DescriptionValidator _text;
    private readonly ILogger _logger;

    public LlmDesigner(LlmRoleKit kit, BuiltinDesigner fallback, ForgeKnowledge knowledge)
    {
        _kit = kit ?? throw new ArgumentNullException(nameof(kit));
        _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
        _design = new DesignValidator(fallback);
        _text = new DescriptionValidator(new DescriptionWriter(knowledge));
        _logger = kit.LoggerFactory.CreateLogger<LlmDesigner>();
    }

    public async Task<TaskDesign> DesignAsync(RawDataset data, TaskCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidate);
        var builtin = await _fallback.DesignAsync(data, candidate, cancellationToken).ConfigureAwait(false);
        DesignReply reply;
        try
        {
            (reply, _) = await _kit.AskJsonAsync<DesignReply>(Role, "forge-designer", Variables(data, builtin), cancellationToken).ConfigureAwait(false);
        }
        catch (LlmUnavailableException e)
        {
            return WithNotes(builtin, [LlmRoleKit.FallbackNote(Role, e)]);
        }

        var notes = new List<string>();
        var split = _design.Split(data, builtin, reply.Split, notes);
        var drops = _design.Drops(data, builtin, reply.Drop, notes);
        var features = builtin.Features.Where(f => !drops.Any(d => d.Name == f)).ToArray();
        var design = builtin with
        {
            Split = split,
            Features = features,
            TextFeatures = builtin.TextFeatures.Where(features.Contains).ToArray(),
            CodeFeatures = builtin.CodeFeatures.Where(features.Contains).ToArray(),
            Dropped = [.. builtin.Dropped, .. drops],
            DesignedBy = ForgeOrigins.Llm,
        };
        design = _text.Apply(data, design, reply, notes);
        return WithNotes(design, notes.Select(n => $"LLM {Role}: {n}").ToArray());
    }

    private TaskDesign WithNotes(TaskDesign design, IReadOnlyList<string> notes)
    {
        foreach (var note in notes)
        {
            _logger.LogWarning("{Task}: {Note}", design.TaskId, note);
        }

        return design with { Notes = notes };
    }

    private PromptVariables Variables(RawDataset data, TaskDesign builtin)
    {
        var candidate = builtin.Candidate;
        var split = builtin.Split;
        return PromptVariables.Empty(_kit.Settings)
            .Set("dataset_name", data.Name)
            .Set("raw_rows", data.Table.Rows.Count.ToString(CultureInfo.InvariantCulture))
            .Set("raw_profile", PromptVariables.Profile(data.Profile))
            .Set("target", candidate.Target)
            .Set("task_type", candidate.TaskType.ToString().ToLowerInvariant())
            .Set("metric", candidate.Metric)
            .Set("metric_direction", MetricRegistry.Get(candidate.Metric).HigherIsBetter ? "higher is better" : "lower is better")
            .Set("classes", candidate.Classes.Count == 0 ? "-" : string.Join(", ", candidate.Classes))
            .Set("positive_label", candidate.PositiveLabel ?? "-")
            .Set("submission_format", candidate.SubmissionFormat.ToString())
            .Set("submission_columns", string.Join(", ", [builtin.IdColumn, .. CompetitionFile.TargetColumns(candidate)]))
            .Set("id_column", builtin.IdColumn)
            .Set("features", string.Join(", ", builtin.Features))
            .Set("builtin_dropped", builtin.Dropped.Count == 0 ? "-" : string.Join("\n", builtin.Dropped.Select(d => $"- {d.Name}: {d.Reason}")))
            .Set("builtin_split", $"{split.Kind.ToString().ToLowerInvariant()}{(split.Column is null ? "" : $" by {split.Column}")}: {split.Reason}")
            .Set("group_columns", data.GroupColumns.Count == 0 ? "-" : string.Join(", ", data.GroupColumns));
    }
}
