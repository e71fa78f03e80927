using System.Collections.Concurrent;
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
/// Asks the model for candidate tasks given the raw table's profile (prompts/llm/forge-brainstormer.yaml, JSON
/// schema reply), keeps the ideas that hold against the data (<see cref="CandidateValidator"/>), then fills up from
/// the builtin brainstormer. When the model is unavailable, the builtin brainstormer alone answers, with a note.
/// </summary>
public sealed class LlmBrainstormer(LlmRoleKit kit, BuiltinBrainstormer fallback, TargetScreen screen) : IBrainstormer
{
    public const string Role = "brainstormer";
    private readonly CandidateValidator _validator = new(screen);
    private readonly ConcurrentQueue<string> _notes = new();

    /// <summary>What happened to the model's ideas (rejections, fallbacks), in order.</summary>
    public IReadOnlyList<string> Notes => [.. _notes];

    public async Task<IReadOnlyList<TaskCandidate>> BrainstormAsync(RawDataset data, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Every target the builtin role can formulate, main formulations and harder variants.
        var builtin = await fallback.BrainstormAsync(data, int.MaxValue, cancellationToken).ConfigureAwait(false);
        CandidatesReply reply;
        try
        {
            var variables = PromptVariables.Empty(kit.Settings)
                .Set("dataset_name", data.Name)
                .Set("raw_rows", data.Table.Rows.Count.ToString(CultureInfo.InvariantCulture))
                .Set("raw_profile", PromptVariables.Profile(data.Profile))
                .Set("count", Math.Max(1, count).ToString(CultureInfo.InvariantCulture))
                .Set("metrics", string.Join(", ", MetricRegistry.Names.Order(StringComparer.Ordinal)));
            (reply, _) = await kit.AskJsonAsync<CandidatesReply>(Role, "forge-brainstormer", variables, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmUnavailableException e)
        {
            Note(LlmRoleKit.FallbackNote(Role, e));
            return builtin.Take(Math.Max(0, count)).ToArray();
        }

        var accepted = new List<TaskCandidate>();
        foreach (var idea in reply.Candidates)
        {
            var (candidate, rejection) = _validator.Validate(data, idea, builtin);
            if (candidate is null)
            {
                Note($"LLM {Role}: rejected candidate {rejection}");
            }
            else if (!accepted.Any(c => c.Target == candidate.Target && c.Metric == candidate.Metric))
            {
                accepted.Add(candidate with { Origin = ForgeOrigins.Llm });
            }
        }

        var fill = builtin.Where(b => !accepted.Any(a => a.Target == b.Target && (b.Variant is null || a.Metric == b.Metric)));
        return accepted.Concat(fill).Take(Math.Max(0, count)).Select((c, rank) => c with { Rank = rank }).ToArray();
    }

    /// <summary>The columns that cannot be targets and why (the builtin screen's verdicts).</summary>
    public IReadOnlyList<DroppedColumn> Excluded(RawDataset data) => fallback.Excluded(data);

    private void Note(string note)
    {
        _notes.Enqueue(note);
        kit.LoggerFactory.CreateLogger<LlmBrainstormer>().LogWarning("{Note}", note);
    }
}
