using AgentML.Core.Data;
using AgentML.Core.Metrics;

namespace AgentML.Core.Tasks;

/// <summary>
/// Infers id column, targets, train label columns, task type, submission format, metric and positive label from the
/// public files and the statement, recording each decision and its reason. Values fixed by competition.yaml are taken
/// as given and not recorded.
/// </summary>
internal sealed partial class TaskInference(InferenceInput input)
{
    private const int MaxClassesForIntegerTarget = 20;
    private readonly List<Inference> _inferences = [];

    public InferenceResult Run()
    {
        var idColumn = InferIdColumn();
        var targets = InferTargets(idColumn);
        var (trainTargets, perClass) = InferTrainTargets(idColumn, targets);
        var described = input.Yaml?.Metric is null ? MetricInference.FromDescription(input.Description) : null;
        var (type, format) = InferType(targets, trainTargets, perClass, described?.Metric);
        var metric = InferMetric(type, format, described);
        var (classes, ofColumn) = type == TaskType.Regression ? ([], []) : ClassLabels(targets, trainTargets, perClass, type);
        var positive = type == TaskType.Binary && format != SubmissionFormat.ClassProbabilities ? InferPositive(trainTargets[0], format) : null;
        return new InferenceResult(idColumn, targets, trainTargets, type, format, metric, classes, ofColumn, positive, _inferences);
    }

    private void Record(string field, string value, string reason) => _inferences.Add(new Inference(field, value, reason));

    private string InferIdColumn()
    {
        var sample = input.Sample.Columns;
        if (input.Yaml?.IdColumn is { } given)
        {
            return sample.Contains(given) ? given : throw new UserFacingException($"competition.yaml id_column '{given}' is not a column of {input.Sample.SourcePath}");
        }

        var test = input.Test.Columns;
        var first = sample[0];
        if (test.Contains(first) && Values(input.Sample, first).IsUnique)
        {
            Record("id_column", first, "first column of sample_submission.csv, also a column of test.csv, unique per row");
            return first;
        }

        var shared = sample.Where(c => test.Contains(c) && Values(input.Sample, c).IsUnique).OrderByDescending(c => Values(input.Sample, c).AllIntegers).ToList();
        if (shared.Count > 0)
        {
            Record("id_column", shared[0], "a column of both sample_submission.csv and test.csv with one distinct value per row");
            return shared[0];
        }

        Record("id_column", first, "first column of sample_submission.csv (no column shared with test.csv is unique per row)");
        return first;
    }

    private List<string> InferTargets(string idColumn)
    {
        if (input.Yaml?.TargetColumns is { Count: > 0 } given)
        {
            var missing = given.Where(t => !input.Sample.Columns.Contains(t)).ToList();
            return missing.Count == 0 ? given : throw new UserFacingException(
                $"competition.yaml target_columns {string.Join(", ", missing)} not in {input.Sample.SourcePath} (columns: {string.Join(", ", input.Sample.Columns)})");
        }

        var targets = input.Sample.Columns.Where(c => c != idColumn).ToList();
        if (targets.Count == 0)
        {
            throw new UserFacingException($"{input.Sample.SourcePath}: only the id column '{idColumn}'; expected at least one prediction column");
        }

        Record("target_columns", string.Join(", ", targets), "the columns of sample_submission.csv other than the id");
        return targets;
    }

    private (List<string> Columns, bool PerClass) InferTrainTargets(string idColumn, List<string> targets)
    {
        var train = input.Train.Columns;
        if (input.Yaml?.TrainTargetColumns is { Count: > 0 } given)
        {
            var absent = given.Where(t => !train.Contains(t)).ToList();
            return absent.Count == 0
                ? (given, given.Count == 1 && targets.Count > 1)
                : throw new UserFacingException($"competition.yaml train_target_columns {string.Join(", ", absent)} not in {input.Train.SourcePath}");
        }

        var named = targets.Select(t => ColumnNames.Find(train.Where(c => c != idColumn), t)).ToList();
        if (named.All(c => c is not null))
        {
            var columns = named.Select(c => c!).ToList();
            if (targets.Count > 1 && PerClassColumn(idColumn, targets) is { } hidden && !columns.All(t => Values(input.Train, t).IsZeroOne))
            {
                Record("train_target_columns", hidden, $"its values are the submission's columns ({string.Join(", ", targets)})");
                return ([hidden], true);
            }

            var respelled = targets.Zip(columns).Where(p => p.First != p.Second).Select(p => $"'{p.First}' is '{p.Second}'").ToList();
            Record("train_target_columns", string.Join(", ", columns), respelled.Count == 0
                ? "the target columns are present in train.csv"
                : $"the target columns are in train.csv, spelled differently ({string.Join(", ", respelled)})");
            return (columns, false);
        }

        if (targets.Count > 1 && PerClassColumn(idColumn, targets) is { } classColumn)
        {
            Record("train_target_columns", classColumn,
                $"train column '{classColumn}' takes the values {string.Join(", ", Values(input.Train, classColumn).Distinct.Order(StringComparer.Ordinal))}, the submission's per-class columns");
            return ([classColumn], true);
        }

        var onlyInTrain = train.Where(c => c != idColumn && !input.Test.Columns.Contains(c)).ToList();
        if (targets.Count > 1 && onlyInTrain.Count == 1 && Values(input.Train, onlyInTrain[0]).Distinct.Count == targets.Count)
        {
            // E.g. Class_1..Class_3 for labels 0..2: as many columns as classes, names that do not say which is which.
            Record("train_target_columns", onlyInTrain[0],
                $"WARNING: the only train column missing from test.csv; its {targets.Count} classes are matched to the {targets.Count} submission columns by sorted position, as the names do not match");
            return (onlyInTrain, true);
        }

        if (targets.Count == 1 && onlyInTrain.Count == 1)
        {
            Record("train_target_columns", onlyInTrain[0], $"'{targets[0]}' is not in train.csv; '{onlyInTrain[0]}' is the only train column missing from test.csv");
            return (onlyInTrain, false);
        }

        throw new UserFacingException(
            $"{input.Train.SourcePath}: cannot find the label column(s) for {string.Join(", ", targets)} (train columns missing from test: {string.Join(", ", onlyInTrain)}); set target_columns/train_target_columns in competition.yaml");
    }

    /// <summary>The train column whose distinct values are the per-class submission columns (by name, or as "Class_1", "prob_x").</summary>
    private string? PerClassColumn(string idColumn, List<string> targets)
    {
        string? best = null;
        var bestOverlap = 0.0;
        foreach (var column in input.Train.Columns.Where(c => c != idColumn && !targets.Contains(c)))
        {
            var distinct = Values(input.Train, column).Distinct;
            if (distinct.Count < 2 || distinct.Count > targets.Count || ColumnNames.ClassOfColumns(targets, distinct) is not { } classes)
            {
                continue;
            }

            var matched = classes.Where(c => c is not null).ToList();
            var overlap = (double)matched.Count / targets.Count;
            if (matched.Count == distinct.Count && overlap > bestOverlap && overlap >= 0.5)
            {
                best = column;
                bestOverlap = overlap;
            }
        }

        return best;
    }

    private (TaskType, SubmissionFormat) InferType(List<string> targets, List<string> trainTargets, bool perClass, string? describedMetric)
    {
        var hint = describedMetric ?? input.Yaml?.Metric ?? input.Options.Metric;
        var metricKind = hint is not null && MetricRegistry.TryGet(hint, out var m) ? m!.InputKind : (MetricInputKind?)null;
        var result = DecideType(targets, trainTargets, perClass, metricKind, out var reason);
        if (input.Yaml?.TaskType is { } givenType)
        {
            result.Type = ParseTaskType(givenType);
        }
        else
        {
            Record("task_type", Name(result.Type), reason);
        }

        Record("submission_format", result.Format.ToString(), FormatReason(result.Format, targets));
        return (result.Type, result.Format);
    }

    private (TaskType Type, SubmissionFormat Format) DecideType(
        List<string> targets, List<string> trainTargets, bool perClass, MetricInputKind? metricKind, out string reason)
    {
        if (perClass)
        {
            var k = targets.Count;
            reason = $"one probability column per class ({k} classes of '{trainTargets[0]}')";
            return (k == 2 ? TaskType.Binary : TaskType.Multiclass, SubmissionFormat.ClassProbabilities);
        }

        if (targets.Count > 1)
        {
            if (trainTargets.All(t => Values(input.Train, t).IsZeroOne) && IsOneHot(trainTargets))
            {
                reason = $"{targets.Count} 0/1 target columns with exactly one 1 per train row (one-hot classes)";
                return (targets.Count == 2 ? TaskType.Binary : TaskType.Multiclass, SubmissionFormat.ClassProbabilities);
            }

            if (trainTargets.All(t => Values(input.Train, t).IsZeroOne))
            {
                reason = $"{targets.Count} target columns, each 0/1 in train.csv";
                return (TaskType.MultiLabel, SubmissionFormat.MultiLabelProbabilities);
            }

            reason = $"{targets.Count} numeric target columns";
            return (TaskType.Regression, SubmissionFormat.Value);
        }

        var train = Values(input.Train, trainTargets[0]);
        var sample = Values(input.Sample, targets[0]);
        var classes = train.Distinct.Count;
        if (!train.AllNumeric)
        {
            var probability = classes == 2 && sample.AllNumeric && sample.InUnitInterval && (sample.HasFractionsInUnitInterval || metricKind == MetricInputKind.Probabilities);
            reason = $"'{trainTargets[0]}' holds {classes} text labels in train.csv" + (probability ? " and the sample submission holds probabilities" : "");
            return (classes == 2 ? TaskType.Binary : TaskType.Multiclass, probability ? SubmissionFormat.Probability : SubmissionFormat.Label);
        }

        if (train.IsZeroOne && classes == 2 && metricKind != MetricInputKind.Values)
        {
            var fractions = metricKind is null && sample.HasFractionsInUnitInterval;
            var worded = metricKind is null && !fractions && AsksForProbabilities().IsMatch(input.Description);
            var probability = metricKind == MetricInputKind.Probabilities || fractions || worded;
            reason = $"'{trainTargets[0]}' is 0/1 in train.csv; " + (probability
                ? (metricKind == MetricInputKind.Probabilities ? "the metric scores probabilities"
                    : fractions ? "the sample submission holds fractions in (0, 1)" : "the description asks for a probability")
                : (metricKind == MetricInputKind.Labels ? "the metric scores labels" : "the sample submission holds labels"));
            return (TaskType.Binary, probability ? SubmissionFormat.Probability : SubmissionFormat.Label);
        }

        var fewIntegers = train.AllIntegers && classes <= MaxClassesForIntegerTarget && train.Present.Count >= 5 * classes;
        if (metricKind is MetricInputKind.Labels || (fewIntegers && metricKind is null && !sample.HasFractionsInUnitInterval && sample.AllIntegers))
        {
            reason = metricKind is MetricInputKind.Labels
                ? $"the metric scores labels; '{trainTargets[0]}' has {classes} distinct values"
                : $"'{trainTargets[0]}' has only {classes} distinct integer values in train.csv";
            return (classes == 2 ? TaskType.Binary : TaskType.Multiclass, SubmissionFormat.Label);
        }

        reason = $"'{trainTargets[0]}' is numeric with {classes} distinct values" + (metricKind == MetricInputKind.Values ? " and the metric is a regression metric" : "");
        return (TaskType.Regression, SubmissionFormat.Value);
    }

    private bool IsOneHot(List<string> columns)
    {
        var indices = columns.Select(input.Train.ColumnIndex).ToArray();
        return input.Train.Rows.All(row => indices.Count(i => NumberParsing.TryParse(row[i], out var v) && v == 1) == 1);
    }

    private string InferMetric(TaskType type, SubmissionFormat format, (string Metric, string Phrase, string Where)? described)
    {
        if (input.Yaml?.Metric is { } given)
        {
            return MetricRegistry.Get(given).Name;
        }

        if (described is { } d)
        {
            var metric = d.Metric;
            if (metric == MetricNames.F1 && type == TaskType.Multiclass)
            {
                Record("metric", MetricNames.F1Macro, $"{d.Where} says '{d.Phrase}' and the task has more than two classes (macro average)");
                return MetricNames.F1Macro;
            }

            var note = MetricInference.SubstitutionNote(d.Phrase) is { } n ? $" ({n})" : "";
            Record("metric", metric, $"{d.Where} says '{d.Phrase}'{note}");
            return metric;
        }

        if (input.Options.Metric is { } option)
        {
            var name = MetricRegistry.Get(option).Name;
            Record("metric", name, "given by --metric (the description names no metric)");
            return name;
        }

        var fallback = (type, format) switch
        {
            (TaskType.Regression, _) => MetricNames.Rmse,
            (_, SubmissionFormat.ClassProbabilities) => MetricNames.LogLoss,
            (_, SubmissionFormat.Probability) => MetricNames.RocAuc,
            (_, SubmissionFormat.MultiLabelProbabilities) => MetricNames.RocAuc,
            _ => MetricNames.Accuracy,
        };
        var unsupported = MetricInference.UnsupportedMetric(input.Description);
        Record("metric", fallback, unsupported is null
            ? $"no metric named by the description or --metric; the default for {Name(type)} tasks with {format} submissions"
            : $"WARNING: the description names '{unsupported}', which AgentML cannot score; using {fallback}, the default for {Name(type)} tasks with {format} submissions (set --metric to choose another)");
        return fallback;
    }

    private (List<string> Labels, IReadOnlyList<string?> OfColumn) ClassLabels(List<string> targets, List<string> trainTargets, bool perClass, TaskType type)
    {
        if (type == TaskType.MultiLabel || trainTargets.Count > 1)
        {
            return (targets, []);
        }

        var labels = ClassificationMetrics.LabelOrder(Values(input.Train, trainTargets[0]).Distinct).ToList();
        if (!perClass)
        {
            return (labels, []);
        }

        var ofColumn = ColumnNames.ClassOfColumns(targets, labels) ?? targets.Select(t => labels.Contains(t) ? t : null).ToList();
        if (ofColumn.Count(l => l is not null) < labels.Count && labels.Count == targets.Count)
        {
            ofColumn = labels; // the names do not say which class a column stands for: sorted position (warned above)
        }

        var renamed = targets.Zip(ofColumn).Where(p => p.Second is not null && p.Second != p.First).Select(p => $"{p.First} = '{p.Second}'").ToList();
        if (renamed.Count > 0)
        {
            Record("class_labels", string.Join(", ", renamed), $"per-class columns stand for the labels of '{trainTargets[0]}' they name");
        }

        var missing = targets.Where((_, i) => ofColumn[i] is null).ToList();
        if (missing.Count > 0)
        {
            Record("class_labels", string.Join(", ", missing), "classes with a submission column but no row in train.csv");
        }

        return (labels, ofColumn);
    }

    private string InferPositive(string trainTarget, SubmissionFormat format)
    {
        if (input.Yaml?.PositiveLabel is { } given)
        {
            return given;
        }

        var values = Values(input.Train, trainTarget);
        var labels = ClassificationMetrics.LabelOrder(values.Distinct);
        string[] conventional = ["1", "true", "yes", "y", "t", "positive", "pos"];
        foreach (var word in conventional)
        {
            var hit = labels.FirstOrDefault(l => Normalize(l) == word || (word == "1" && NumberParsing.TryParse(l, out var v) && v == 1));
            if (hit is not null)
            {
                Record("positive_label", hit, format == SubmissionFormat.Probability
                    ? $"'{hit}' is the conventional positive label; the submitted probability is that of '{hit}'"
                    : $"'{hit}' is the conventional positive label");
                return hit;
            }
        }

        var minority = labels.OrderBy(l => values.Present.Count(v => v == l)).ThenByDescending(l => l, StringComparer.Ordinal).First();
        Record("positive_label", minority, "the less frequent class in train.csv, as the positive class usually is");
        return minority;
    }

    private static string FormatReason(SubmissionFormat format, List<string> targets) => format switch
    {
        SubmissionFormat.ClassProbabilities => $"the sample submission has one column per class ({string.Join(", ", targets)})",
        SubmissionFormat.Probability => "one probability column for the positive class",
        SubmissionFormat.MultiLabelProbabilities => "one probability column per label",
        SubmissionFormat.Value => "numeric value column(s)",
        _ => "one column with the predicted label",
    };

    private static TaskType ParseTaskType(string text) => Normalize(text).Replace("-", "_", StringComparison.Ordinal) switch
    {
        "binary" => TaskType.Binary,
        "multiclass" or "multi_class" => TaskType.Multiclass,
        "multilabel" or "multi_label" => TaskType.MultiLabel,
        "regression" => TaskType.Regression,
        _ => throw new UserFacingException($"competition.yaml task_type '{text}' is not binary, multiclass, multi_label or regression"),
    };

    private static string Name(TaskType type) => type switch
    {
        TaskType.MultiLabel => "multi-label",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Normalize(string s) => s.Trim().ToLowerInvariant();

    private readonly Dictionary<(CsvTable, string), ColumnValues> _cache = [];

    private ColumnValues Values(CsvTable table, string column)
    {
        if (!_cache.TryGetValue((table, column), out var values))
        {
            values = ColumnValues.Of(column, table.Column(column));
            _cache[(table, column)] = values;
        }

        return values;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bprobabilit(?:y|ies)\b|\bhow\s+likely\b|\blikelihood\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AsksForProbabilities();
}
