using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Runs;
using AgentML.Search.Engine;
using AgentML.Search.Scoring;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Ensembles;

/// <summary>
/// Keeps the run's ensemble up to date: after a node finishes, greedy selection over the out-of-fold predictions of the
/// best working nodes (not leaky; on the rows the best node predicted) gives weights, starting from the nodes whose
/// scores are within the fold noise of the best one (<see cref="FoldNoise"/>, at most <see cref="MaxStart"/>). The
/// weighted test predictions become the run's submission when the ensemble's out-of-fold score beats the best single
/// node's, or when it started from two or more such nodes and stays within the fold noise of the best: then the best
/// node's lead is not evidence, and the average of its equals is the safer bet; on log loss an ensemble of two or more
/// nodes is always the submission (<see cref="Hedges"/>). Predictions are read once per node.
/// </summary>
internal sealed class EnsembleBuilder(ILogger logger)
{
    /// <summary>Selection looks at this many training rows at most (a seeded sample beyond); the score is then taken on all.</summary>
    private const int SelectionRows = 10_000;

    /// <summary>At most this many nodes tied with the best start the selection.</summary>
    private const int MaxStart = 10;

    private readonly Dictionary<string, AlignedPredictions?> _oof = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Member?> _check = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Update(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            try
            {
                UpdateLocked(state);
            }
            catch (Exception ex) when (ex is IOException or UserFacingException or FormatException)
            {
                logger.LogWarning(ex, "Ensemble selection failed; the best single node stands");
            }
        }
    }

    private void UpdateLocked(RunState state)
    {
        List<NodeRecord> candidates;
        lock (state.Gate)
        {
            candidates = [.. state.Ranked().Where(n => n.SameAs is null && File.Exists(state.Paths.NodeOof(n.Id))).Take(state.Settings.EnsembleCandidates)];
        }

        var all = state.TrainLabels;
        var kind = Blend.KindOf(state.DevTask);
        var predictions = candidates.Select(n => (Node: n, Oof: LoadOof(state.Paths.NodeOof(n.Id), n.Id, all))).Where(p => p.Oof is not null).ToList();
        if (predictions.Count < 2 || predictions[0].Node.Id != candidates[0].Id)
        {
            return; // the best node's predictions are unreadable: nothing to compare an ensemble with
        }

        // Selection runs on the rows the best node predicted (all rows, unless it finished only some folds) and over
        // the candidates that predicted every one of them: the ensemble and the best node are scored on the same rows.
        var baseRows = predictions[0].Oof!.Complete ? null : predictions[0].Oof!.PresentRows();
        var train = baseRows is null ? all : all.Subset(baseRows);
        var members = predictions.Where(p => baseRows is null ? p.Oof!.Complete : baseRows.All(r => p.Oof!.Present[r]))
            .Select(p => ToMember(p.Node.Id, baseRows is null ? p.Oof!.Columns : p.Oof!.Columns.Select(c => Labelled.Slice(c, baseRows)).ToArray(), kind))
            .OfType<Member>().ToList();
        if (members.Count < 2 || members[0].NodeId != candidates[0].Id)
        {
            return;
        }

        // Ties with the best node are judged on the selection's rows, so their cost is bounded like the selection's.
        var rows = SelectionSample(train.Count, state.Settings.Seed);
        var selectionRows = rows is null ? train : train.Subset(rows);
        var selectionMembers = rows is null ? members : members.Select(m => Slice(m, rows)).ToList();
        var noise = new FoldNoise(selectionRows);
        var best = candidates[0];
        var bestJudged = noise.Judge(selectionMembers[0].Columns);
        var start = bestJudged is not { } leader ? [] : selectionMembers.Take(state.Settings.EnsembleCandidates)
            .Where((m, i) => i == 0 || noise.Judge(m.Columns) is { } judged && noise.Within(judged, leader))
            .Take(MaxStart).Select(m => m.NodeId).ToList();
        if (start.Count < 2)
        {
            start.Clear();
        }

        var choice = EnsembleSelector.Select(selectionMembers, selectionRows, kind, state.Settings.EnsembleRounds, start);
        if (choice is null)
        {
            return;
        }

        var byId = members.ToDictionary(m => m.NodeId, StringComparer.Ordinal);
        var score = train.Score(Combine(choice, byId, kind, train.Columns.Length, train.Count));
        double? checkScore = null;
        if (state.CheckLabels is { Count: > 0 } check)
        {
            var checks = choice.Weights.Select(w => LoadCheck(state.Paths.NodeCheck(w.NodeId), w.NodeId, check, kind)).ToList();
            if (checks.All(c => c is not null))
            {
                checkScore = check.Score(Combine(choice, checks.ToDictionary(c => c!.NodeId, c => c!, StringComparer.Ordinal), kind, check.Columns.Length, check.Count));
            }
        }

        var onSelectionRows = Combine(choice, selectionMembers.ToDictionary(m => m.NodeId, StringComparer.Ordinal), kind, train.Columns.Length, selectionRows.Count);
        var tied = start.Count >= 2 && noise.Judge(onSelectionRows) is { } ensemble && noise.Within(ensemble, bestJudged!.Value);
        var beats = train.IsBetter(score, best.Score!.Value);
        var hedges = Hedges(train.Metric.Name);
        var wins = choice.Weights.Count >= 2 && (beats || tied || hedges) && WriteTestSubmission(state, choice, kind);
        var record = new EnsembleRecord
        {
            Members = [.. choice.Weights.Select(w => new EnsembleMemberRecord { NodeId = w.NodeId, Weight = Math.Round(w.Weight, 6) })],
            Score = score,
            CheckScore = checkScore,
            BestNodeId = best.Id,
            BestNodeScore = best.Score!.Value,
            Wins = wins,
            Candidates = members.Count,
            Start = start.Count,
            Rounds = choice.Rounds,
        };

        lock (state.Gate)
        {
            if (wins)
            {
                File.Copy(state.Paths.EnsembleSubmission, state.Paths.Submission, overwrite: true);
            }
            else if (state.Best is { } node)
            {
                SearchSubmissions.Promote(state, node);
            }

            state.UpdateRun(r => r with { Ensemble = record });
        }

        logger.LogInformation("Ensemble of {Members}: {Score} ({Verdict} best node {Best} {BestScore}; started from {Start} nodes within the fold noise of it)",
            string.Join(" + ", record.Members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.NodeId}×{m.Weight:0.##}"))),
            score.ToString("G6", CultureInfo.InvariantCulture), !wins ? "does not replace" : beats ? "beats" : tied ? "within the fold noise of" : "hedges the confident mistakes of", best.Id,
            best.Score!.Value.ToString("G6", CultureInfo.InvariantCulture), record.Start);
    }

    /// <summary>
    /// True for metrics where one confident mistake costs without bound (log loss): a node whose out-of-fold
    /// predictions made none may still make one on new rows, which neither its score nor the fold noise can show, and
    /// blending it with other nodes bounds that cost. The ensemble (whose largest member is the best node) is then the
    /// submission even where the best node alone scores better out of fold. On penguins (275 rows) two runs submitted
    /// a drawn boosting configuration with out-of-fold log loss 0.0003 and 0.011 that scored 0.20 and 0.094 on the
    /// private answers; their ensembles scored 0.046 and 0.0089 (benchmarks/quality/README.md, fifteenth session).
    /// </summary>
    internal static bool Hedges(string metric) => metric == MetricNames.LogLoss;

    /// <summary>Writes the weighted test predictions of the members; false when a member has none.</summary>
    private static bool WriteTestSubmission(RunState state, EnsembleChoice choice, BlendKind kind) =>
        WriteBlend(state, choice, kind, state.Paths.NodeTestSubmission, state.Paths.EnsembleSubmission);

    /// <summary>
    /// Writes to <paramref name="target"/> the weighted blend of the members' test predictions read from
    /// <paramref name="predictionsOf"/>(node id); false when a member has none or they do not line up.
    /// </summary>
    internal static bool WriteBlend(RunState state, EnsembleChoice choice, BlendKind kind, Func<string, string> predictionsOf, string target)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(predictionsOf);
        var tables = new List<(string NodeId, CsvTable Table)>();
        foreach (var (nodeId, _) in choice.Weights)
        {
            var path = predictionsOf(nodeId);
            if (!File.Exists(path))
            {
                return false;
            }

            tables.Add((nodeId, CsvTable.Read(path)));
        }

        var first = tables[0].Table;
        var idIndex = first.ColumnIndex(state.Task.IdColumn);
        var valueColumns = Enumerable.Range(0, first.Columns.Count).Where(c => c != idIndex).ToArray();
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var (nodeId, table) in tables)
        {
            if (table.RowCount != first.RowCount || !table.Columns.SequenceEqual(first.Columns))
            {
                return false;
            }

            var columns = valueColumns.Select(table.Column).ToArray();
            var numbers = kind == BlendKind.Mean ? Blend.Numbers(columns) : null;
            if (kind == BlendKind.Mean && numbers is null)
            {
                return false;
            }

            members[nodeId] = new Member(nodeId, columns, numbers);
        }

        var combined = Combine(choice, members, kind, valueColumns.Length, first.RowCount);
        var rows = first.Rows.Select((row, r) =>
        {
            var output = (string[])row.Clone();
            for (var c = 0; c < valueColumns.Length; c++)
            {
                output[valueColumns[c]] = combined[c][r];
            }

            return output;
        }).ToList();
        new CsvTable(first.Columns, rows).Write(target);
        return true;
    }

    private static string[][] Combine(EnsembleChoice choice, IReadOnlyDictionary<string, Member> members, BlendKind kind, int columns, int rows)
    {
        var blend = new Blend(kind, columns, rows);
        foreach (var (nodeId, weight) in choice.Weights)
        {
            blend.Add(members[nodeId], weight);
        }

        return blend.Current();
    }

    /// <summary>A node's out-of-fold predictions aligned to the training rows (some rows may be missing), read once; null when unusable.</summary>
    private AlignedPredictions? LoadOof(string path, string nodeId, Labelled rows)
    {
        if (!_oof.TryGetValue(nodeId, out var aligned))
        {
            aligned = File.Exists(path) ? AlignedPredictions.Align(CsvTable.Read(path), rows, ignore: _ => true).Predictions : null;
            _oof[nodeId] = aligned;
        }

        return aligned;
    }

    /// <summary>A node's check-row predictions, read once; null when incomplete or unusable.</summary>
    private Member? LoadCheck(string path, string nodeId, Labelled rows, BlendKind kind)
    {
        if (!_check.TryGetValue(nodeId, out var member))
        {
            var aligned = File.Exists(path) ? AlignedPredictions.Align(CsvTable.Read(path), rows, ignore: _ => true).Predictions : null;
            member = aligned is { Complete: true } ? ToMember(nodeId, aligned.Columns, kind) : null;
            _check[nodeId] = member;
        }

        return member;
    }

    /// <summary>A blend member from predicted values; null when a mean blend meets a value that is not a number.</summary>
    private static Member? ToMember(string nodeId, string[][] columns, BlendKind kind)
    {
        var numbers = kind == BlendKind.Mean ? Blend.Numbers(columns) : null;
        return kind == BlendKind.Mean && numbers is null ? null : new Member(nodeId, columns, numbers);
    }

    private static int[]? SelectionSample(int count, int seed)
    {
        if (count <= SelectionRows)
        {
            return null;
        }

        var rows = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(rows);
        var sample = rows[..SelectionRows];
        Array.Sort(sample);
        return sample;
    }

    private static Member Slice(Member member, IReadOnlyList<int> rows) =>
        new(member.NodeId, member.Columns.Select(c => Labelled.Slice(c, rows)).ToArray(), member.Numbers?.Select(c => Labelled.Slice(c, rows)).ToArray());
}
