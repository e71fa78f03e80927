using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Replies;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm.Roles;

/// <summary>
/// PlanSearch (Wang et al., 2024): the model writes first-order observations about the task and data; each
/// chosen subset of one or two observations yields derived observations; each subset with its derived
/// observations becomes a natural-language plan, which the model criticises and fixes. Plans that nearly
/// duplicate a kept plan or a plan already in the tree are dropped. Branches run in batches, concurrently. When the
/// model fails, the plans made so far are kept and the builtin planner supplies the rest. A model whose planning
/// rounds keep bringing no plan (all near-duplicates or unusable) is paused like a model that repeats programs
/// (<see cref="SpinGuard"/>).
/// </summary>
public sealed class LlmPlanner(LlmRoleKit kit, IPlanner fallback) : IPlanner
{
    private readonly ILogger _logger = kit.LoggerFactory.CreateLogger<LlmPlanner>();

    public async Task<IReadOnlyList<Plan>> ProposeAsync(TaskContext context, TreeSummary tree, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tree);
        if (count <= 0)
        {
            return [];
        }

        var known = tree.Best.Concat(tree.RecentFailures).Select(n => n.Plan).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var kept = new List<Plan>();
        var spent = Usage.None;
        LlmFailure? failed = null;
        try
        {
            kit.Planning.EnsureNotPaused();
            var variables = kit.Variables(context, tree).Set("observation_count", Math.Max(2, kit.Settings.Observations).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (first, usage) = await kit.AskJsonAsync<ObservationsReply>("planner", "plansearch-observations", variables, cancellationToken).ConfigureAwait(false);
            spent += usage;
            var observations = Distinct(first.Observations).Take(Math.Max(2, kit.Settings.Observations)).ToArray();
            var subsets = Subsets(observations.Length, 3 * count, context.Seed);
            for (var next = 0; kept.Count < count && next < subsets.Count;)
            {
                // The branches of a batch run at once; their plans are judged in subset order, so the result is deterministic.
                var batch = subsets.Skip(next).Take(count - kept.Count).ToArray();
                next += batch.Length;
                var branches = await Task.WhenAll(batch.Select(subset => BranchAsync(context, tree, subset.Select(i => observations[i]).ToArray(), cancellationToken))).ConfigureAwait(false);
                foreach (var (subset, branch) in batch.Zip(branches))
                {
                    spent += branch.Usage;
                    if (branch.Plan is not { } plan)
                    {
                        continue;
                    }

                    if (kept.Count >= count || PlanSimilarity.IsNearDuplicate(plan.Text, known.Concat(kept.Select(k => k.Text)), kit.Settings.DuplicateThreshold))
                    {
                        _logger.LogInformation("PlanSearch dropped a plan (observations {Subset}): near-duplicate or surplus", string.Join("+", subset.Select(i => i + 1)));
                        continue;
                    }

                    kept.Add(plan with { Usage = spent });
                    spent = Usage.None;
                }

                if (branches.FirstOrDefault(b => b.Failure is not null)?.Failure is { } failure)
                {
                    // Its usage is already counted with its branch.
                    throw new LlmUnavailableException(failure.Failure, failure.Message, Usage.None, failure);
                }
            }
        }
        catch (LlmUnavailableException e)
        {
            spent += e.Spent;
            failed = e.Failure;
            _logger.LogWarning("{Note}; kept {Kept} LLM plan(s)", LlmRoleKit.FallbackNote("planner", e), kept.Count);
        }

        // A round that kept a plan ends the planner's streak; one whose plans were all near-duplicates, or unusable,
        // extends it. Rounds refused for other reasons (pause, rate limit, budget, transport) do neither.
        if (kept.Count > 0)
        {
            kit.Planning.Productive();
        }
        else if (failed is null or LlmFailure.Unusable)
        {
            kit.Planning.Spun();
        }

        // Usage of dropped branches and failed calls goes to a plan that is kept, so nothing spent is lost.
        if (kept.Count < count)
        {
            var builtin = (await fallback.ProposeAsync(context, tree, count - kept.Count, cancellationToken).ConfigureAwait(false)).ToList();
            kept.AddRange(builtin);
        }

        if (kept.Count > 0 && spent != Usage.None)
        {
            kept[0] = kept[0] with { Usage = kept[0].Usage + spent };
        }

        return kept;
    }

    /// <summary>
    /// One PlanSearch branch: derived observations from the subset, a plan, then its criticism and fix. A failure
    /// is returned (not thrown) with what the branch spent, so the other branches of the batch are kept.
    /// </summary>
    private async Task<Branch> BranchAsync(TaskContext context, TreeSummary tree, IReadOnlyList<string> chosen, CancellationToken cancellationToken)
    {
        var spent = Usage.None;
        try
        {
            var variables = kit.Variables(context, tree).Set("observations", LlmCoder.Numbered(chosen));
            var (derived, usage) = await kit.AskJsonAsync<ObservationsReply>("planner", "plansearch-derive", variables, cancellationToken).ConfigureAwait(false);
            spent += usage;
            IReadOnlyList<string> all = [.. chosen, .. Distinct(derived.Observations).Take(3)];
            variables.Set("observations", LlmCoder.Numbered(all));
            var (plan, planUsage) = await kit.AskJsonAsync<PlanReply>("planner", "plansearch-plan", variables, cancellationToken).ConfigureAwait(false);
            spent += planUsage;
            variables.Set("plan", plan.Plan.Trim());
            var (critique, critiqueUsage) = await kit.AskJsonAsync<CritiqueReply>("planner", "plansearch-critique", variables, cancellationToken).ConfigureAwait(false);
            spent += critiqueUsage;
            return new Branch(new Plan(critique.FixedPlan.Trim(), null, all), spent, null);
        }
        catch (LlmUnavailableException e)
        {
            return new Branch(null, spent + e.Spent, e);
        }
    }

    private sealed record Branch(Plan? Plan, Usage Usage, LlmUnavailableException? Failure);

    /// <summary>
    /// Subsets of one or two observation indices, pairs first (they combine ideas), then singles; shuffled by the
    /// seed and ordered so that early subsets cover different observations.
    /// </summary>
    public static IReadOnlyList<int[]> Subsets(int observations, int max, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<int[]>();
        for (var i = 0; i < observations; i++)
        {
            for (var j = i + 1; j < observations; j++)
            {
                pairs.Add([i, j]);
            }
        }

        var singles = Enumerable.Range(0, observations).Select(i => new[] { i }).ToList();
        var ordered = new List<int[]>();
        var uses = new int[observations];
        foreach (var pool in new[] { pairs, singles })
        {
            var shuffled = pool.OrderBy(_ => random.Next()).ToList();
            while (shuffled.Count > 0)
            {
                var next = shuffled.OrderBy(s => s.Sum(i => uses[i])).First();
                shuffled.Remove(next);
                ordered.Add(next);
                foreach (var i in next)
                {
                    uses[i]++;
                }
            }
        }

        return ordered.Take(Math.Max(0, max)).ToArray();
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> items) =>
        items.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
}
