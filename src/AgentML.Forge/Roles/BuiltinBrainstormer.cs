using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>
/// The builtin brainstormer: every column that can be a target becomes a candidate with the task type and
/// metric that fit its distribution; candidates are ranked (natural targets and signal first) and interleaved
/// by task type so that the first few are diverse.
/// </summary>
public sealed class BuiltinBrainstormer : IBrainstormer
{
    private readonly ForgeKnowledge _knowledge;
    private readonly TargetScreen _screen;

    public BuiltinBrainstormer(ForgeKnowledge knowledge)
    {
        _knowledge = knowledge;
        _screen = new TargetScreen(knowledge);
    }

    public Task<IReadOnlyList<TaskCandidate>> BrainstormAsync(RawDataset data, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var eligible = new List<(ColumnProfile Column, double Score)>();
        var columns = data.Profile.Columns;
        for (var index = 0; index < columns.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var column = columns[index];
            if (_screen.WhyNot(data, column) is null)
            {
                eligible.Add((column, NameScore(data, column, index)));
            }
        }

        // The signal screen costs a pass over every feature per target: on wide tables only the best-named targets get it.
        var screened = eligible.OrderByDescending(e => e.Score).Take(MaxSignalScreens).Select(e => e.Column.Name).ToHashSet(StringComparer.Ordinal);
        var scored = new List<(TaskCandidate Candidate, double Score)>();
        foreach (var (column, score) in eligible)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scored.Add((Formulate(data, column), score + (screened.Contains(column.Name) ? SignalScore(data, column) : 0)));
        }

        // Harder formulations come last: they are only tried when a main one was rejected as near-perfect.
        var variants = scored.OrderByDescending(s => s.Score).Select(s => Harder(s.Candidate)).OfType<TaskCandidate>();
        var interleaved = Interleave(scored).Concat(variants).Take(Math.Max(0, count)).Select((c, rank) => c with { Rank = rank }).ToArray();
        return Task.FromResult<IReadOnlyList<TaskCandidate>>(interleaved);
    }

    /// <summary>Why each excluded column is not a target (for the report).</summary>
    public IReadOnlyList<DroppedColumn> Excluded(RawDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Profile.Columns.Select(c => (c.Name, Why: _screen.WhyNot(data, c)))
            .Where(x => x.Why is not null).Select(x => new DroppedColumn(x.Name, x.Why!)).ToArray();
    }

    private TaskCandidate Formulate(RawDataset data, ColumnProfile column)
    {
        if (!TargetScreen.IsClassification(column))
        {
            return Regression(column);
        }

        var values = data.Column(column.Name);
        var classes = TargetScreen.KeptClasses(values);
        var counts = values.Counts().Where(kv => classes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var minority = (double)counts.Values.Min() / counts.Values.Sum();
        if (classes.Count == 2)
        {
            var positive = PositiveLabel(classes, counts);
            return minority < 0.35
                ? Candidate(column, TaskType.Binary, MetricNames.RocAuc, SubmissionFormat.Probability, classes, positive,
                    $"binary with a minority class of {Percent.Of(minority, 0)}: ranking quality (AUC) is fairer than accuracy")
                : Candidate(column, TaskType.Binary, MetricNames.Accuracy, SubmissionFormat.Label, classes, positive,
                    $"binary and balanced (minority {Percent.Of(minority, 0)}): accuracy is natural");
        }

        var ratio = (double)counts.Values.Max() / counts.Values.Min();
        // Integer codes (categorical kind) name groups: their order means nothing, so no ordinal metric.
        if (values.IsNumeric && column.Kind != ColumnKind.Categorical)
        {
            return Candidate(column, TaskType.Multiclass, MetricNames.QuadraticWeightedKappa, SubmissionFormat.Label, classes, null,
                $"an ordered integer scale with {classes.Count} values: quadratic weighted kappa rewards near misses");
        }

        if (ratio > 5)
        {
            return Candidate(column, TaskType.Multiclass, MetricNames.F1Macro, SubmissionFormat.Label, classes, null,
                $"{classes.Count} classes, the largest {ratio:F0}x the smallest: macro F1 weighs rare classes alike");
        }

        return classes.Count <= 10 && classes.All(SafeColumnName)
            ? Candidate(column, TaskType.Multiclass, MetricNames.LogLoss, SubmissionFormat.ClassProbabilities, classes, null,
                $"{classes.Count} fairly balanced classes: log loss scores calibrated probabilities")
            : Candidate(column, TaskType.Multiclass, MetricNames.Accuracy, SubmissionFormat.Label, classes, null,
                $"{classes.Count} fairly balanced classes: accuracy is natural");
    }

    /// <summary>
    /// A harder scoring of the same target for when the main one is near-perfect: log loss punishes every confident
    /// mistake, so it still separates strong solutions once ranking (AUC) or accuracy saturates.
    /// </summary>
    private static TaskCandidate? Harder(TaskCandidate main)
    {
        if (main.TaskType != TaskType.Binary)
        {
            return null;
        }

        var positive = main.PositiveLabel ?? main.Classes[^1];
        return main with
        {
            Metric = MetricNames.LogLoss,
            SubmissionFormat = SubmissionFormat.Probability,
            PositiveLabel = positive,
            Variant = "logloss",
            Rationale = $"{main.Target}: if {main.Metric} is near-perfect, log loss of the probability of '{positive}' still separates strong solutions (it punishes confident mistakes).",
        };
    }

    private static TaskCandidate Regression(ColumnProfile column)
    {
        var numeric = column.Numeric!;
        if (numeric.Min >= 0 && numeric.Skewness > 1)
        {
            return Candidate(column, TaskType.Regression, MetricNames.Rmsle, SubmissionFormat.Value, [], null,
                $"positive and right-skewed (skewness {numeric.Skewness:F1}): RMSLE scores relative errors");
        }

        return Math.Abs(numeric.Skewness) > 2
            ? Candidate(column, TaskType.Regression, MetricNames.Mae, SubmissionFormat.Value, [], null,
                $"long-tailed (skewness {numeric.Skewness:F1}) with negative values: MAE is robust to the tail")
            : Candidate(column, TaskType.Regression, MetricNames.Rmse, SubmissionFormat.Value, [], null,
                $"a continuous quantity (skewness {numeric.Skewness:F1}): RMSE is natural");
    }

    private static TaskCandidate Candidate(ColumnProfile column, TaskType type, string metric, SubmissionFormat format,
        IReadOnlyList<string> classes, string? positive, string rationale) => new()
        {
            Target = column.Name,
            TaskType = type,
            Metric = metric,
            SubmissionFormat = format,
            Classes = classes,
            PositiveLabel = format == SubmissionFormat.Probability ? positive : null,
            Rationale = $"{column.Name}: {rationale}.",
        };

    private string PositiveLabel(IReadOnlyList<string> classes, Dictionary<string, int> counts)
    {
        foreach (var hint in _knowledge.PositiveLabels)
        {
            var match = classes.FirstOrDefault(c => string.Equals(c, hint, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return counts.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }

    private static bool SafeColumnName(string label) =>
        label.Length is > 0 and <= 30 && label.Trim() == label && !label.Contains(',') && !label.Contains('"');

    /// <summary>
    /// Higher first, by what the column means as a task: a name that reads like an outcome or measurement, the first or
    /// last column of a file; lower for bookkeeping and location names, codes that name groups, and attributes of a
    /// group (fixed by a group's code: a property of the school, not of the student). Then: some signal but no leak.
    /// </summary>
    private double NameScore(RawDataset data, ColumnProfile column, int index)
    {
        var score = index == 0 || index == data.Profile.Columns.Count - 1 ? 1.0 : 0.0;
        score += _knowledge.ReadsLikeTarget(column.Name) ? 1.5 : 0.0;
        score -= ForgeKnowledge.NameHasWord(column.Name, _knowledge.BookkeepingNameHints) ? 1.5 : 0.0;
        if (data.Codes.Contains(column.Name) || data.GroupColumns.Contains(column.Name))
        {
            score -= 2;
        }
        else if (GroupOf(data, column) is not null)
        {
            score -= 1;
        }

        return score - column.MissingShare;
    }

    /// <summary>The group column whose value fixes <paramref name="column"/> (it is an attribute of the group), if any.</summary>
    public static string? GroupOf(RawDataset data, ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        return data.GroupColumns.Concat(data.Codes).Distinct(StringComparer.Ordinal)
            .FirstOrDefault(g => g != column.Name && data.ColumnProfile(g).Cardinality > column.Cardinality
                && Association.Determines(data.Column(g), data.Column(column.Name), int.MaxValue) >= 0.999);
    }

    /// <summary>At most this many candidate targets get the signal screen (the best by name and position).</summary>
    public const int MaxSignalScreens = 40;

    /// <summary>1 when some single feature carries signal about the target without giving it away (a leak beside it does not hide that signal).</summary>
    private static double SignalScore(RawDataset data, ColumnProfile column)
    {
        var target = data.Column(column.Name);
        var classification = TargetScreen.IsClassification(column);
        return data.Columns.Where(c => c.Name != column.Name && data.ColumnProfile(c.Name).Kind is ColumnKind.Numeric or ColumnKind.Categorical)
            .Any(c => Association.Predictability(c, target, classification) is > 0.05 and < 0.9) ? 1.0 : 0.0;
    }

    /// <summary>Round robin over task kinds (binary, multiclass, regression), best score first within each.</summary>
    private static IEnumerable<TaskCandidate> Interleave(List<(TaskCandidate Candidate, double Score)> scored)
    {
        var queues = scored.GroupBy(s => s.Candidate.TaskType)
            .Select(g => new Queue<TaskCandidate>(g.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate.Target, StringComparer.Ordinal).Select(s => s.Candidate)))
            .OrderByDescending(q => scored.First(s => s.Candidate == q.Peek()).Score)
            .ThenBy(q => q.Peek().TaskType)
            .ToList();
        while (queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                yield return queue.Dequeue();
            }
        }
    }
}
