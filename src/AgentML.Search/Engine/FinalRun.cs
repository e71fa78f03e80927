using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Core.Grading;
using AgentML.Core.Metrics;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Engine;

/// <summary>
/// Chooses the run's submission: the ensemble's when it wins (<see cref="EnsembleRecord.Wins"/>), else the best
/// node's fold models' prediction of the task's test set; with a refit (<see cref="RunState.Refits"/>), the chosen node (or
/// each ensemble member) is then re-run on all labelled rows when that fits in the time left, and its predictions
/// replace the fold models'. When the test set could not ride along with the search (too big) it re-runs the best
/// node's program on the task's full training data against its real test set,
/// validate the result against the real sample submission and write runs/&lt;run-id&gt;/submission.csv and
/// best_solution.py, falling back to the next best nodes when a re-run fails.
/// </summary>
internal sealed class FinalRun
{
    private const int MaxAttempts = 3;

    /// <summary>Seconds kept free after the re-run so the run ends inside its budget.</summary>
    private const double Margin = 3;

    private readonly CandidateEvaluator _evaluator;
    private readonly ILogger _logger;

    public FinalRun(CandidateEvaluator evaluator, ILogger logger)
    {
        _evaluator = evaluator;
        _logger = logger;
    }

    public async Task<bool> RunAsync(RunState state, SearchBudget budget, CancellationToken cancellationToken)
    {
        List<NodeRecord> candidates;
        NodeRecord? fallback;
        bool started;
        lock (state.Gate)
        {
            started = state.Nodes.Count > 0;
            var ranked = state.Ranked();
            candidates = ranked.Take(MaxAttempts).ToList();
            fallback = ranked.FirstOrDefault(n => SearchSubmissions.Of(state, n) is not null);
            if (fallback is not null)
            {
                // A valid submission is on disk before the re-run starts, in case the process is stopped during it.
                SearchSubmissions.Promote(state, fallback);
            }
        }

        if (candidates.Count == 0)
        {
            state.UpdateRun(r => r with { Message = started ? "no candidate produced valid out-of-fold predictions"
                : string.Create(CultureInfo.InvariantCulture, $"no candidate started: a budget of {budget.Available.TotalSeconds:F0} s leaves too little search time (give --time 20s or more)") });
            return false;
        }

        // The search's submissions are averages of fold models: they stand, unless a refit on all labelled rows fits
        // in the time left and succeeds.
        if (state.Run.Ensemble is { Wins: true } ensemble && File.Exists(state.Paths.EnsembleSubmission))
        {
            File.Copy(state.Paths.EnsembleSubmission, state.Paths.Submission, overwrite: true);
            var refitted = state.Refits && await RefitEnsembleAsync(state, ensemble, budget, cancellationToken).ConfigureAwait(false);
            state.UpdateRun(r => r with { Message = string.Create(CultureInfo.InvariantCulture,
                $"submission from the ensemble of {string.Join(" + ", ensemble.Members.Select(m => $"{m.NodeId}×{m.Weight:0.##}"))} (out-of-fold {ensemble.Score:G6}; best node {ensemble.BestNodeId} {ensemble.BestNodeScore:G6}{(ensemble.Start >= 2 ? $"; started from {ensemble.Start} nodes within its fold noise" : "")}){(refitted ? ", refitted on all labelled rows where time allowed" : "")}") });
            return Accept(state, candidates[0], reRun: false);
        }

        if (fallback is not null && fallback.Id == candidates[0].Id && SearchSubmissions.Promote(state, fallback))
        {
            var refitted = state.Refits && await RefitAsync(state, fallback, budget, writeSubmission: true, cancellationToken).ConfigureAwait(false);
            return Accept(state, fallback, reRun: refitted);
        }

        var failures = new List<string>();
        foreach (var node in candidates)
        {
            var done = state.Execution(node.Id, Fidelity.Final);
            if (done is { Reason: ExecutionReason.Ok } && File.Exists(state.Paths.Submission))
            {
                return Accept(state, node);
            }

            var (limit, fits) = Limit(state, node, budget, fallback is not null);
            if (!fits)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{node.Id}: its re-run needs about {limit.TotalSeconds:F0} s, {budget.Left.TotalSeconds:F0} s left"));
                _logger.LogInformation("Final re-run of {Node} skipped: it needs about {Limit:F0} s", node.Id, limit.TotalSeconds);
                continue;
            }

            var execution = await ReRunAsync(state, node, limit, cancellationToken).ConfigureAwait(false);
            if (execution.Reason == ExecutionReason.Ok)
            {
                return Accept(state, node);
            }

            failures.Add($"{node.Id}: {execution.Error}");
            _logger.LogWarning("Final re-run of {Node} failed: {Error}", node.Id, execution.Error);
        }

        if (fallback is not null && SearchSubmissions.Promote(state, fallback))
        {
            state.UpdateRun(r => r with { Message = $"submission from {fallback.Id}'s search run (trained on the development split; final re-run: {string.Join("; ", failures)})" });
            return Accept(state, fallback, reRun: false);
        }

        state.UpdateRun(r => r with { Message = "every final re-run failed: " + string.Join("; ", failures) });
        return false;
    }

    /// <summary>
    /// Re-runs <paramref name="node"/> on every labelled row (the plan's refit input: the same K folds with the check rows
    /// dealt into them) when its expected cost fits the time left, and keeps its test predictions only when its
    /// out-of-fold predictions hold up (<see cref="RefitHolds"/>); true when they do.
    /// </summary>
    private async Task<bool> RefitAsync(RunState state, NodeRecord node, SearchBudget budget, bool writeSubmission, CancellationToken cancellationToken)
    {
        if (!state.Folds.HasRefitInput)
        {
            _logger.LogInformation("Refit of {Node} skipped: the run has no rows beyond the ones its fold models saw, or its test set did not ride along", node.Id);
            return false;
        }

        var (limit, fits) = Limit(state, node, budget, hasFallback: true);
        if (!fits || limit < SearchBudget.MinProgramLimit)
        {
            _logger.LogInformation("Refit of {Node} skipped: it needs about {Limit:F0} s, {Left:F0} s left", node.Id, limit.TotalSeconds, budget.Left.TotalSeconds);
            return false;
        }

        var evaluation = await ReRunAsync(state, node, limit, state.Folds.RefitInputDirectory!, state.RefitLabels, cancellationToken).ConfigureAwait(false);
        var execution = evaluation.Execution;
        if (execution.Reason != ExecutionReason.Ok)
        {
            _logger.LogWarning("Refit of {Node} failed ({Error}); its fold models' submission stands", node.Id, execution.Error);
            return false;
        }

        if (RefitHolds(state, node, evaluation.Score) is { } reason)
        {
            _logger.LogWarning("Refit of {Node} not used: {Reason}; its fold models' submission stands", node.Id, reason);
            state.Record(execution with { Reason = ExecutionReason.InvalidSubmission, Error = "refit not used: " + reason });

            return false;
        }

        if (writeSubmission)
        {
            File.Copy(FinalPredictions(state, node.Id), state.Paths.Submission, overwrite: true);
        }

        return true;
    }

    /// <summary>
    /// Null when a refit's out-of-fold predictions (over every labelled row) are as complete as the search run's and no
    /// worse than its out-of-fold score beyond twice the fold noise; else why not. A refit that finished fewer folds, or
    /// whose post-processing went astray on its own folds, does not replace fold models that were judged.
    /// </summary>
    internal static string? RefitHolds(RunState state, NodeRecord node, Scoring.NodeScore? refit)
    {
        if (refit is null)
        {
            return null; // nothing to grade it on (a run without a refit input)
        }

        if (refit.Error is not null || refit.Score is not { } score)
        {
            return refit.Error ?? "no out-of-fold score";
        }

        var folds = Math.Max(2, state.Folds.FoldCount);
        if (refit.Coverage + (0.5 / folds) < (node.Coverage ?? 1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"it predicted {refit.Coverage:P0} of the rows out of fold, the search run {node.Coverage ?? 1:P0}");
        }

        if (node.Score is not { } searched)
        {
            return null;
        }

        var metric = state.TrainLabels.Metric;
        var noise = node.FoldScores.Count > 1 ? Scoring.NodeScorer.StandardDeviation(node.FoldScores) / Math.Sqrt(node.FoldScores.Count) : 0;
        var shortfall = metric.Oriented(searched) - metric.Oriented(score);
        return shortfall > (2 * noise) + 1e-12
            ? string.Create(CultureInfo.InvariantCulture, $"its out-of-fold {metric.Name} {score:G5} is worse than the search run's {searched:G5} by more than twice the fold noise ({noise:G3})")
            : null;
    }

    /// <summary>
    /// Refits the members of the winning ensemble, heaviest first, while each fits in the time left, and blends the test
    /// predictions with the ensemble's weights: a refitted member's from its refit, the others' from their fold models
    /// (each is an estimate of the same member, so they mix). True when at least one member was refitted and the blend
    /// replaced the fold models' ensemble.
    /// </summary>
    private async Task<bool> RefitEnsembleAsync(RunState state, EnsembleRecord ensemble, SearchBudget budget, CancellationToken cancellationToken)
    {
        var refitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in ensemble.Members.OrderByDescending(m => m.Weight))
        {
            NodeRecord? node;
            lock (state.Gate)
            {
                node = state.Node(member.NodeId);
            }

            if (node is not null && await RefitAsync(state, node, budget, writeSubmission: false, cancellationToken).ConfigureAwait(false))
            {
                refitted.Add(node.Id);
            }
        }

        if (refitted.Count == 0)
        {
            return false;
        }

        var choice = new Ensembles.EnsembleChoice([.. ensemble.Members.Select(m => (m.NodeId, m.Weight))], ensemble.Score, ensemble.Rounds);
        var blended = Path.Combine(state.Paths.Root, "refit-submission.csv");
        string PredictionsOf(string id) => refitted.Contains(id) ? FinalPredictions(state, id) : state.Paths.NodeTestSubmission(id);
        if (!Ensembles.EnsembleBuilder.WriteBlend(state, choice, Ensembles.Blend.KindOf(state.DevTask), PredictionsOf, blended) ||
            SubmissionValidator.Validate(blended, state.Task.SampleSubmissionPath, state.Task.IdColumn).Table is not { } table)
        {
            return false;
        }

        table.Write(state.Paths.Submission);
        _logger.LogInformation("Ensemble submission blended from {Refitted} refitted of {Members} members", refitted.Count, ensemble.Members.Count);
        return true;
    }

    /// <summary>Where a node's re-run on all labelled rows keeps its test predictions.</summary>
    private static string FinalPredictions(RunState state, string nodeId) => Path.Combine(state.Paths.Node(nodeId), "submission-final.csv");

    /// <summary>A final re-run on the task's own public files (its test set too big to ride along); writes the submission when valid.</summary>
    private async Task<ExecutionRecord> ReRunAsync(RunState state, NodeRecord node, TimeSpan limit, CancellationToken cancellationToken)
    {
        // Files named otherwise (sampleSubmission.csv, train.csv.gz, .tsv) are staged under the names programs read.
        var input = AgentML.Core.Tasks.TaskInput.Prepare(state.Task, Path.Combine(state.Paths.Dev, "final-input"));
        var execution = (await ReRunAsync(state, node, limit, input, labels: null, cancellationToken).ConfigureAwait(false)).Execution;
        if (execution.Reason == ExecutionReason.Ok)
        {
            File.Copy(FinalPredictions(state, node.Id), state.Paths.Submission, overwrite: true);
        }

        return execution;
    }

    /// <summary>Runs <paramref name="node"/> on <paramref name="input"/>, keeps its test predictions when they are a valid submission, and records the run.</summary>
    private async Task<Evaluation> ReRunAsync(RunState state, NodeRecord node, TimeSpan limit, string input, Scoring.Labelled? labels, CancellationToken cancellationToken)
    {
        var kept = FinalPredictions(state, node.Id);
        var request = new EvaluationRequest(node, Fidelity.Final, input, 1, limit)
        {
            KeepSubmissionAs = kept,
            FinalLabels = labels,
        };
        _logger.LogInformation("Final re-run of {Node} on the full data (limit {Limit:F0} s)", node.Id, limit.TotalSeconds);
        var evaluation = await _evaluator.RunAsync(state, request, cancellationToken).ConfigureAwait(false);
        var execution = evaluation.Execution;
        cancellationToken.ThrowIfCancellationRequested();
        if (execution.Reason == ExecutionReason.Ok)
        {
            var (table, error) = SubmissionValidator.Validate(kept, state.Task.SampleSubmissionPath, state.Task.IdColumn);
            if (table is null)
            {
                execution = execution with { Reason = ExecutionReason.InvalidSubmission, Error = "invalid final submission: " + error };
            }
            else
            {
                table.Write(kept);
            }
        }

        state.Record(execution);
        return evaluation with { Execution = execution };
    }

    /// <summary>
    /// The re-run's limit: what the program had during the search, scaled to the full data (programs size their work
    /// to AGENTML_TIME_LIMIT_S, so more would only make them slower), cut to the time left but never below what its
    /// development run took, scaled. With a search submission to fall back on, a re-run that does not fit in the time
    /// left is not started (Fits false) and one that does is cut to the time left.
    /// </summary>
    internal static (TimeSpan Limit, bool Fits) Limit(RunState state, NodeRecord node, SearchBudget budget, bool hasFallback)
    {
        var searched = state.Settings.EffectiveProgramTimeLimit.TotalSeconds * DataScale(state);
        var needed = ReRunSeconds(state, node) ?? ((30 * DataScale(state) * 1.3) + 5);
        var left = budget.Left.TotalSeconds;
        var seconds = Math.Max(Math.Min(searched, left), Math.Max(15, needed));
        if (!hasFallback)
        {
            return (TimeSpan.FromSeconds(seconds), true);
        }

        var room = left - Margin;
        return needed <= room ? (TimeSpan.FromSeconds(Math.Min(seconds, room)), true) : (TimeSpan.FromSeconds(needed), false);
    }

    /// <summary>A re-run's expected seconds: the node's search run scaled to all training rows, with 30 % and 5 s to spare; null when it never ran.</summary>
    internal static double? ReRunSeconds(RunState state, NodeRecord node) =>
        state.Execution(node.Id, Fidelity.Full) is { } run ? (run.DurationSeconds * DataScale(state) * 1.3) + 5 : null;

    /// <summary>Rows of a final run over rows of a search run: the refit's labelled rows, else the task's training rows.</summary>
    private static double DataScale(RunState state) =>
        state.Folds.TrainRows == 0 ? 1
        : Math.Max(1, (double)(state.Folds.HasRefitInput ? state.Folds.TrainRows + state.Folds.CheckRows : state.Folds.SourceRows) / state.Folds.TrainRows);

    private static bool Accept(RunState state, NodeRecord node, bool reRun = true)
    {
        File.WriteAllText(state.Paths.BestSolution, node.Code);
        state.UpdateRun(r => r with { FinalNodeId = node.Id, SubmissionPath = state.Paths.Submission });
        if (state.Task.AnswersPath is { } answers && File.Exists(answers))
        {
            var grade = new SubmissionGrader().Grade(state.Task, state.Paths.Submission, answers);
            state.UpdateRun(r => r with { TestScore = grade.Score, Message = grade.IsValid ? r.Message : "the task's answers reject the submission: " + grade.InvalidReason });
        }

        state.UpdateRun(r => r with { Message = r.Message ?? (reRun
            ? string.Create(CultureInfo.InvariantCulture, $"submission from {node.Id} re-run on all training rows (out-of-fold {node.Score:G6})")
            : string.Create(CultureInfo.InvariantCulture, $"submission from {node.Id}'s fold models (out-of-fold {node.Score:G6})")) });
        return true;
    }
}
