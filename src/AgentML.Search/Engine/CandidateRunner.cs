using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Agents.Roles;
using AgentML.Search.Ensembles;
using AgentML.Search.Scoring;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Engine;

/// <summary>
/// Takes one node from pending to finished: the operator writes its program, a low-fidelity run (when the split has
/// one) decides promotion through the fidelity predictor, and the full run may be stopped from its metric lines.
/// </summary>
internal sealed class CandidateRunner
{
    public const string BudgetError = "stopped: the run's time budget ran out";

    /// <summary>Working nodes needed before in-run stopping starts.</summary>
    public const int MinWorkingForStopping = 3;

    private readonly AgentOperators _operators;
    private readonly CandidateEvaluator _evaluator;
    private readonly EnsembleBuilder _ensemble;
    private readonly ILogger _logger;

    public CandidateRunner(AgentOperators operators, CandidateEvaluator evaluator, EnsembleBuilder ensemble, ILogger logger)
    {
        _operators = operators;
        _evaluator = evaluator;
        _ensemble = ensemble;
        _logger = logger;
    }

    /// <summary>Raised (under no lock) when a node finished, with a one-line description.</summary>
    public event Action<string>? NodeFinished;

    /// <param name="budget">Cancelled when the search's time is up: the node ends as pruned.</param>
    /// <param name="abort">Cancelled when the process stops (Ctrl+C): the node stays unfinished for resume.</param>
    public async Task RunAsync(RunState state, NodeRecord node, Func<TimeSpan> timeLimit, CancellationToken budget, CancellationToken abort)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget, abort);
        try
        {
            if (string.IsNullOrEmpty(node.Code))
            {
                if (await WriteProgramAsync(state, node, linked.Token).ConfigureAwait(false) is not { } written)
                {
                    return;
                }

                node = written;
            }

            if (MarkIfDuplicate(state, node))
            {
                return;
            }

            if (state.Folds.HasLowFidelity)
            {
                if (await RunLowFidelityAsync(state, node, timeLimit, linked.Token).ConfigureAwait(false) is not { } promoted)
                {
                    return;
                }

                node = promoted;
            }

            await RunFullAsync(state, node, timeLimit, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            Finish(state, node.Id, NodeStatus.Pruned, BudgetError);
        }
    }

    /// <summary>The node with the program its operator wrote (running), or null when the agent failed (buggy).</summary>
    private async Task<NodeRecord?> WriteProgramAsync(RunState state, NodeRecord node, CancellationToken cancellationToken)
    {
        AgentOutput output;
        try
        {
            output = await _operators.ApplyAsync(state, node, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.OperatorFailed(ex, node.Operator, node.Id);
            Finish(state, node.Id, NodeStatus.Buggy, $"the {node.Operator} agent failed: {ex.Message}");
            return null;
        }

        NodeRecord written;
        lock (state.Gate)
        {
            written = state.Update(node.Id, n => n with
            {
                Plan = output.Plan,
                Code = output.Code,
                Recipe = output.Recipe,
                Agent = output.Agent,
                Model = output.Model,
                InputTokens = output.Usage.InputTokens,
                OutputTokens = output.Usage.OutputTokens,
                Cost = output.Usage.Cost,
                Notes = [.. output.Notes],
                Status = NodeStatus.Running,
            });
            state.UpdateRun(r => r with { LlmCost = r.LlmCost + output.Usage.Cost });
        }

        Directory.CreateDirectory(state.Paths.Node(written.Id));
        await File.WriteAllTextAsync(state.Paths.NodeSolution(written.Id), written.Code, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// A program (or builtin recipe) that an earlier node already ran is not run again: the node is pruned as a repeat,
    /// so that nothing is paid twice and its result is not counted twice.
    /// </summary>
    private bool MarkIfDuplicate(RunState state, NodeRecord node)
    {
        NodeRecord? twin;
        lock (state.Gate)
        {
            var code = node.Code.Trim();
            var fingerprint = RunState.Fingerprint(node);
            twin = state.Nodes.FirstOrDefault(n => n.Id != node.Id && n.Number < node.Number && n.Error != BudgetError
                && n.Status != NodeStatus.Pending && (n.Code.Trim() == code || RunState.Fingerprint(n) == fingerprint)
                && !(n.Status == NodeStatus.Pruned && n.Error?.StartsWith(RepeatPrefix, StringComparison.Ordinal) == true));
        }

        if (twin is null)
        {
            return false;
        }

        state.UpdateRun(r => r with { Repeats = r.Repeats + 1 });

        Finish(state, node.Id, NodeStatus.Pruned, $"{RepeatPrefix} {twin.Id}: the same program is not run twice");
        return true;
    }

    /// <summary>How a pruned repeat's error starts.</summary>
    public const string RepeatPrefix = "repeat of";

    /// <summary>Runs on the subsample; the promoted node with its low score, or null when it ends here (buggy, or not promoted).</summary>
    private async Task<NodeRecord?> RunLowFidelityAsync(RunState state, NodeRecord node, Func<TimeSpan> timeLimit, CancellationToken cancellationToken)
    {
        ExecutionRecord? low;
        lock (state.Gate)
        {
            low = state.Execution(node.Id, Fidelity.Low) is { FinishedAt: not null } done && done.Reason != ExecutionReason.Budget ? done : null;
        }

        if (low is null)
        {
            var request = new EvaluationRequest(node, Fidelity.Low, state.Folds.LowInputDirectory!, state.Folds.LowFraction, timeLimit());
            low = (await _evaluator.RunAsync(state, request, cancellationToken).ConfigureAwait(false)).Execution;
            cancellationToken.ThrowIfCancellationRequested();
            lock (state.Gate)
            {
                state.Record(low);
                state.UpdateRun(r => r with { LowFidelityRuns = r.LowFidelityRuns + 1, ComputeSpentSeconds = r.ComputeSpentSeconds + low.DurationSeconds });
            }
        }

        if (low.Score is not { } lowScore)
        {
            Finish(state, node.Id, NodeStatus.Buggy, low.Error ?? low.Reason.ToText());
            return null;
        }

        string? verdict;
        lock (state.Gate)
        {
            node = state.Update(node.Id, n => n with { LowScore = lowScore });
            verdict = PromotionVerdict(state, node, lowScore);
            if (verdict is not null)
            {
                var saved = EstimateFullSeconds(state, low.DurationSeconds);
                state.UpdateRun(r => r with { NotPromoted = r.NotPromoted + 1, ComputeSavedSeconds = r.ComputeSavedSeconds + saved });
            }
        }

        if (verdict is not null)
        {
            Finish(state, node.Id, NodeStatus.Pruned, verdict);
            return null;
        }

        return node;
    }

    /// <summary>Null to promote; else why not. A candidate whose low score leads all low scores is always promoted.</summary>
    private static string? PromotionVerdict(RunState state, NodeRecord node, double lowScore)
    {
        var best = state.Best;
        if (best?.Score is null)
        {
            return null;
        }

        var bestLow = state.Nodes.Where(n => n.Id != node.Id && n.LowScore is not null && n.Status != NodeStatus.Pruned)
            .Select(n => n.LowScore!.Value).DefaultIfEmpty(double.NaN);
        var leader = state.HigherIsBetter ? bestLow.Max() : bestLow.Min();
        if (double.IsNaN(leader) || state.IsBetter(lowScore, leader) || lowScore == leader)
        {
            return null;
        }

        var predictor = FidelityPredictor.Fit(Pairs(state), state.HigherIsBetter);
        if (predictor.ShouldPromote(lowScore, best.Score))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"not promoted: low-fidelity score {lowScore:G5} predicts {predictor.Predict(lowScore):G5} (optimistic {predictor.OptimisticBound(lowScore):G5}), best is {best.Score:G5} ({predictor.Pairs} pairs)");
    }

    /// <summary>(low, full) score pairs of this task from every run in the store, at a similar subsample share.</summary>
    private static List<(double Low, double Full)> Pairs(RunState state)
    {
        var fraction = state.Folds.LowFraction;
        return state.TaskHistory()
            .Where(e => e.Metric == state.Task.Metric)
            .GroupBy(e => (e.RunId, e.NodeId))
            .Select(g => (Low: g.FirstOrDefault(e => e.Fidelity == Fidelity.Low), Full: g.FirstOrDefault(e => e.Fidelity == Fidelity.Full)))
            .Where(p => p.Low?.Score is not null && p.Full?.Score is not null && Math.Abs(p.Low.TrainFraction - fraction) < 0.1)
            .Select(p => (p.Low!.Score!.Value, p.Full!.Score!.Value))
            .ToList();
    }

    /// <summary>Full-run seconds a low run of <paramref name="lowSeconds"/> stands for (ratio seen in this run, else 1/fraction, at most 4).</summary>
    private static double EstimateFullSeconds(RunState state, double lowSeconds)
    {
        var ratios = state.Nodes
            .Select(n => (Low: state.Execution(n.Id, Fidelity.Low), Full: state.Execution(n.Id, Fidelity.Full)))
            .Where(p => p.Low is { DurationSeconds: > 0 } && p.Full is { Reason: ExecutionReason.Ok })
            .Select(p => p.Full!.DurationSeconds / p.Low!.DurationSeconds).Order().ToList();
        var ratio = ratios.Count > 0 ? ratios[ratios.Count / 2] : Math.Min(4, 1 / Math.Max(0.05, state.Folds.LowFraction));
        return lowSeconds * Math.Max(1, ratio);
    }

    private async Task RunFullAsync(RunState state, NodeRecord node, Func<TimeSpan> timeLimit, CancellationToken cancellationToken)
    {
        InRunStopper? stopper = null;
        var bestSteps = 0;
        lock (state.Gate)
        {
            if (MayStopEarly(state, node) && state.Best is { } best && state.Execution(best.Id, Fidelity.Full) is { } bestRun)
            {
                var lines = bestRun.EarlyMetrics.Select(m => (m.Name, m.Step, m.Value)).ToList();
                stopper = InRunStopper.Create(lines, state.Task.Metric, state.HigherIsBetter);
                bestSteps = lines.Select(l => l.Step).Distinct().Count();
            }
        }

        var request = new EvaluationRequest(node, Fidelity.Full, state.Folds.FullInputDirectory, 1, timeLimit())
        {
            StopWhen = stopper is null ? null : stopper.ShouldStop,
        };
        var (full, judged) = await _evaluator.RunAsync(state, request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        lock (state.Gate)
        {
            state.Record(full);
            var stopped = full.Reason == ExecutionReason.StoppedEarly;
            var steps = Math.Max(1, full.EarlyMetrics.Select(m => m.Step).Distinct().Count());
            var saved = stopped ? full.DurationSeconds * Math.Max(0, bestSteps - steps) / steps : 0;

            var sameAs = full.Score is null || judged?.PredictionsDigest is not { } digest ? null
                : state.Nodes.FirstOrDefault(o => o.Id != node.Id && o.Status == NodeStatus.Ok && o.PredictionsDigest == digest)?.Id;
            state.Update(node.Id, n => judged is null ? n with { Score = full.Score } : n with
            {
                Score = full.Score,
                FoldScores = [.. judged.FoldScores],
                Coverage = judged.Coverage,
                CheckScore = judged.CheckScore,
                Leaky = judged.Leaky,
                PredictionsDigest = judged.PredictionsDigest,
                SameAs = sameAs,
                Notes = [.. n.Notes, .. new[] { judged.Note, sameAs is null ? null : $"out-of-fold predictions identical to {sameAs}'s: the change made no difference, so the search does not build on this node" }.OfType<string>()],
            });
            state.UpdateRun(r => r with
            {
                FullFidelityRuns = r.FullFidelityRuns + 1,
                ComputeSpentSeconds = r.ComputeSpentSeconds + full.DurationSeconds,
                StoppedEarly = r.StoppedEarly + (stopped ? 1 : 0),
                ComputeSavedSeconds = r.ComputeSavedSeconds + saved,
            });
        }

        var status = full.Score is not null ? NodeStatus.Ok : full.Reason == ExecutionReason.StoppedEarly ? NodeStatus.Pruned : NodeStatus.Buggy;
        Finish(state, node.Id, status, full.Score is null ? full.Error ?? full.Reason.ToText() : judged?.Leaky == true ? judged.Note : null);
        if (status == NodeStatus.Ok)
        {
            _ensemble.Update(state);
        }
    }

    /// <summary>
    /// In-run stopping applies to improve and debug nodes once three nodes work: drafts and merges are kept whole
    /// for diversity (a weaker draft is still worth improving or merging).
    /// </summary>
    private static bool MayStopEarly(RunState state, NodeRecord node) =>
        state.Settings.InRunStopping
        && state.Settings.EarlyScoring != EarlyScoringMode.Off
        && node.Operator is NodeOperator.Improve or NodeOperator.Debug
        && state.Ranked().Count >= MinWorkingForStopping;

    private void Finish(RunState state, string nodeId, NodeStatus status, string? error)
    {
        string message;
        lock (state.Gate)
        {
            var node = state.Update(nodeId, n => n with { Status = status, Error = error });
            var newBest = status == NodeStatus.Ok && state.Best is { } best && best.Id == node.Id;
            if (newBest)
            {
                SearchSubmissions.Promote(state, node);
            }

            state.UpdateRun(r => newBest ? r with { BestScore = node.Score, BestNodeId = node.Id } : r);
            var what = status == NodeStatus.Ok ? node.Score!.Value.ToString("G6", CultureInfo.InvariantCulture) + (node.Leaky ? " (leaky: never chosen)" : "") : error;
            message = $"{node.Id} {node.Operator.ToText()} {status.ToText()}: {what}";
        }

        _logger.NodeFinished(message);
        NodeFinished?.Invoke(message);
    }
}
