using AgentML.Bench.Competitions;
using AgentML.Core.Grading;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>What a registered competition's grade.py needs to know: metric, id, targets and its <see cref="GradingRules"/>.</summary>
public sealed record MleBenchGrading(string Metric, string IdColumn, IReadOnlyList<string> TargetColumns, GradingRules Rules);

/// <summary>
/// Grades a submission the way a registered competition's MLE-bench grade.py does (validity checks, row and column
/// pairing, pandas' column typing, scikit-learn's input checks), as described by its <see cref="GradingRules"/>.
/// The metrics are Core's (equal to scikit-learn's). Every problem is an invalid grade with a one-line reason.
/// </summary>
public static class MleBenchRuleGrader
{
    // NumPy's np.isclose default relative tolerance, added to the grade.py's absolute tolerance.
    private const double IsCloseRelative = 1e-5;

    /// <summary>Grades <paramref name="submissionPath"/> against <paramref name="answersPath"/>.</summary>
    public static GradeResult Grade(MleBenchGrading grading, string submissionPath, string answersPath)
    {
        ArgumentNullException.ThrowIfNull(grading);
        var answers = grading.Rules.Answers switch
        {
            "csv" => PandasTable.Read(answersPath),
            "natural_questions_jsonl" => NaturalQuestions.ReadAnswers(answersPath, grading.IdColumn, grading.TargetColumns[0]),
            var other => throw new InvalidOperationException($"Unknown grading.answers '{other}' (expected csv or natural_questions_jsonl)."),
        };
        PandasTable submission;
        try
        {
            submission = PandasTable.Read(submissionPath);
        }
        catch (UserFacingException ex)
        {
            return GradeResult.Invalid($"pandas cannot read the submission: {ex.Message}");
        }

        try
        {
            var score = Score(grading, submission, answers);
            score = grading.Rules.RoundScoreToInteger ? Math.Round(score, MidpointRounding.ToEven) : score;
            // MLE-bench would report a NaN score as a valid submission; a report cannot rank NaN, so it is invalid here.
            return double.IsFinite(score)
                ? GradeResult.Valid(score)
                : GradeResult.Invalid($"{grading.Metric} is undefined for this submission (the score is {score})");
        }
        catch (Rejected ex)
        {
            return GradeResult.Invalid(ex.Message);
        }
        catch (InvalidPredictionException ex)
        {
            return GradeResult.Invalid(ex.Message);
        }
        catch (MetricUndefinedException ex)
        {
            return GradeResult.Invalid($"{grading.Metric} is undefined: {ex.Message}");
        }
    }

    private static double Score(MleBenchGrading g, PandasTable submission, PandasTable answers)
    {
        var rules = g.Rules;
        if (rules.AcceptAnswerTargetNames && rules.AnswerTargetColumns is { } answerNames
            && g.TargetColumns.Any(c => submission[c] is null) && answerNames.All(c => submission[c] is not null))
        {
            // The submission names its targets as the answers do (e.g. the answers file itself): grade.py accepts it.
            g = g with { TargetColumns = answerNames };
        }

        var requireId = rules.RequireId || rules.Rows != "position";
        var required = (requireId ? new[] { g.IdColumn } : []).Concat(g.TargetColumns).Concat(rules.RequiredColumns).ToArray();
        CheckColumns(rules, submission, required, g.IdColumn);
        if (rules.CheckRowCount && submission.RowCount != answers.RowCount)
        {
            throw new Rejected($"the submission has {submission.RowCount} rows; expected {answers.RowCount}");
        }

        if (rules.ScoredColumns is { } scored)
        {
            g = g with { TargetColumns = scored };
        }

        var (subTargets, ansTargets) = PairTargets(g, rules, submission, answers);
        if (rules.NumericTargets && subTargets.FirstOrDefault(c => c.Kind == PandasKind.Text) is { } text)
        {
            throw new Rejected($"column '{text.Name}' must be numeric; pandas reads it as text (e.g. '{text.Texts.FirstOrDefault(t => t is not null && !NumberParsing.TryParse(t, out _))}')");
        }

        // Single-label micro F1 is accuracy (every wrong label is one false positive and one false negative).
        var labels = g.Metric is MetricNames.Accuracy or MetricNames.QuadraticWeightedKappa or MetricNames.F1Micro;
        if (!labels)
        {
            CheckValues(rules, submission, subTargets);
        }

        var (subRows, ansRows) = MleBenchRowMatcher.PairRows(g, rules, submission, answers, ansTargets);
        if (subRows.Length != ansRows.Length)
        {
            throw new Rejected($"{subRows.Length} submission rows meet {ansRows.Length} answer rows (scikit-learn: inconsistent numbers of samples)");
        }

        if (rules.Score is { } formula)
        {
            return MleBenchScores.Score(formula, rules, subTargets, ansTargets, subRows, ansRows, answers);
        }

        if (labels)
        {
            var predictedLabels = subTargets[0].Take(subRows);
            var trueLabels = ansTargets[0].Take(ansRows);
            if (rules.Labels == "as_text")
            {
                predictedLabels = predictedLabels.AsText();
                trueLabels = trueLabels.AsText();
            }
            else if (rules.Labels == "fillna_empty")
            {
                predictedLabels = FillMissing(predictedLabels, "");
            }
            else if (rules.Labels == "tolist")
            {
                predictedLabels = predictedLabels.Kind == PandasKind.Text ? FillMissing(predictedLabels, "nan") : predictedLabels;
            }
            else if (rules.Labels != "pandas")
            {
                throw new InvalidOperationException($"Unknown grading.labels '{rules.Labels}' (expected pandas, as_text or fillna_empty).");
            }

            return g.Metric == MetricNames.QuadraticWeightedKappa ? Kappa(predictedLabels, trueLabels) : Accuracy(predictedLabels, trueLabels);
        }

        var truth = ansTargets.Select(c => Numbers(c.Take(ansRows), "answers")).ToArray();
        var predicted = subTargets.Select(c => Numbers(c.Take(subRows), "submission")).ToArray();
        return Metric(g.Metric, truth, predicted);
    }

    private static void CheckColumns(GradingRules rules, PandasTable submission, string[] required, string idColumn)
    {
        var missing = required.Where(c => submission[c] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new Rejected($"missing column(s) {Quote(missing)}; expected columns: {string.Join(", ", required)}");
        }

        var extra = submission.Names.Where(c => !required.Contains(c, StringComparer.Ordinal)).ToArray();
        switch (rules.Columns)
        {
            case "any":
                break;
            case "exact_set" when extra.Length > 0:
                throw new Rejected($"unexpected column(s) {Quote(extra)}: this competition's grader accepts exactly {string.Join(", ", required)}");
            case "exact_count" when submission.Columns.Count != required.Length:
                throw new Rejected($"the submission has {submission.Columns.Count} columns; this competition's grader checks the shape: {required.Length} ({string.Join(", ", required)})");
            case "exact_set" or "exact_count":
                break;
            default:
                throw new InvalidOperationException($"Unknown grading.columns '{rules.Columns}' (expected any, exact_set or exact_count); id column {idColumn}.");
        }
    }

    private static (PandasColumn[] Submission, PandasColumn[] Answers) PairTargets(MleBenchGrading g, GradingRules rules, PandasTable submission, PandasTable answers)
    {
        if (rules.Targets == "by_name")
        {
            var ans = (rules.AnswerTargetColumns ?? g.TargetColumns).Select(c => answers[c] ?? throw new UserFacingException($"the answers lack the target column '{c}' (columns: {string.Join(", ", answers.Names)})")).ToArray();
            return (g.TargetColumns.Select(c => submission[c]!).ToArray(), ans);
        }

        if (rules.Targets != "by_position")
        {
            throw new InvalidOperationException($"Unknown grading.targets '{rules.Targets}' (expected by_name or by_position).");
        }

        // pandas set_index(id).to_numpy(): every other column in file order, whatever its name.
        var subColumns = submission.Columns.Where(c => c.Name != g.IdColumn).ToArray();
        var ansColumns = answers.Columns.Where(c => c.Name != g.IdColumn).ToArray();
        if (subColumns.Length != ansColumns.Length)
        {
            throw new Rejected($"the submission has {subColumns.Length} value columns and the answers {ansColumns.Length}: this grader pairs columns by position");
        }

        return (subColumns, ansColumns);
    }

    private static void CheckValues(GradingRules rules, PandasTable submission, PandasColumn[] targets)
    {
        var checkedColumns = rules.ChecksByPosition ? submission.Columns.Skip(1).ToArray() : targets;
        var range = rules.ProbabilityRange ? new List<double> { 0, 1 } : rules.ValueRange;
        if (range is null && rules.RowSumTolerance is null && rules.RowSumDecimals is null)
        {
            // No whole-column check: text is converted (or fails) only in the rows that reach the metric.
            return;
        }

        foreach (var column in targets.Concat(checkedColumns).Distinct())
        {
            if (column.Kind == PandasKind.Text)
            {
                var row = Array.FindIndex(column.Texts, t => t is not null && !NumberParsing.TryParse(t, out _));
                throw new Rejected($"column '{column.Name}' is not numeric (pandas reads it as text, e.g. '{column.Show(Math.Max(row, 0))}' on line {Math.Max(row, 0) + 2})");
            }
        }

        if (range is [var low, var high])
        {
            foreach (var column in checkedColumns)
            {
                // Element-wise (sub >= 0) & (sub <= 1) or between() fails NaN; prepare_for_auroc_metric's min/max skip it, but scikit-learn rejects NaN later.
                var outside = Array.FindIndex(column.Numbers, v => !(v >= low && v <= high));
                if (outside >= 0)
                {
                    throw new Rejected($"column '{column.Name}' must hold {(rules.ProbabilityRange ? "probabilities" : "values")} in [{NumberParsing.Format(low)}, {NumberParsing.Format(high)}]; line {outside + 2} has {column.Show(outside)}");
                }
            }
        }
        else if (range is not null)
        {
            throw new InvalidOperationException($"grading.value_range must be [min, max]; it has {range.Count} values.");
        }

        if (rules.RowSumDecimals is { } decimals)
        {
            for (var r = 0; r < submission.RowCount; r++)
            {
                var sum = checkedColumns.Sum(c => double.IsNaN(c.Numbers[r]) ? 0 : c.Numbers[r]);
                if (Math.Round(sum, decimals, MidpointRounding.ToEven) != 1)
                {
                    throw new Rejected($"the probabilities on line {r + 2} sum to {NumberParsing.Format(sum)}; each row must sum to 1 when rounded to {decimals} decimals");
                }
            }
        }

        if (rules.RowSumTolerance is { } atol)
        {
            for (var r = 0; r < submission.RowCount; r++)
            {
                var sum = 0.0;
                foreach (var column in checkedColumns)
                {
                    sum += double.IsNaN(column.Numbers[r]) ? 0 : column.Numbers[r];
                }

                if (!(Math.Abs(sum - 1) <= atol + IsCloseRelative))
                {
                    throw new Rejected($"the probabilities on line {r + 2} sum to {NumberParsing.Format(sum)}; each row must sum to one (tolerance {atol} + 1e-5 relative)");
                }
            }
        }
    }

    /// <summary>The column as scikit-learn's check_array converts it: text value by value, NaN and infinity rejected.</summary>
    internal static double[] Numbers(PandasColumn column, string what)
    {
        var values = column.Numbers;
        if (column.Kind == PandasKind.Text)
        {
            // scikit-learn's check_array converts an object column value by value: float("1.5") works, float("abc") fails.
            values = new double[column.Length];
            for (var r = 0; r < values.Length; r++)
            {
                if (column.Texts[r] is not { } text)
                {
                    values[r] = double.NaN;
                }
                else if (!NumberParsing.TryParse(text, out values[r]))
                {
                    throw new Rejected($"{what}: could not convert '{text}' in column '{column.Name}' to a number");
                }
            }
        }

        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new Rejected($"{what}: column '{column.Name}' holds {NumberParsing.Format(values[bad])} (scikit-learn rejects NaN and infinity)");
        }

        return values;
    }

    private static double Metric(string metric, double[][] truth, double[][] predicted)
    {
        switch (metric)
        {
            case MetricNames.RocAuc:
                // One column: binary AUC; several: scikit-learn's macro average over the columns.
                return truth.Select((t, j) => ProbabilityMetrics.RocAuc(t.Select(v => v == t.Max()).ToArray(), predicted[j])).Average();
            case MetricNames.LogLoss when truth.Length == 1:
                return BinaryLogLoss(truth[0], predicted[0]);
            case MetricNames.LogLoss:
            {
                var rows = truth[0].Length;
                var trueClass = new int[rows];
                for (var r = 0; r < rows; r++)
                {
                    trueClass[r] = Array.FindIndex(truth, t => t[r] == 1);
                    if (trueClass[r] < 0)
                    {
                        throw new UserFacingException($"answers row {r + 1} is not one-hot");
                    }
                }

                var probabilities = Enumerable.Range(0, rows).Select(r => predicted.Select(p => p[r]).ToArray()).ToArray();
                return ProbabilityMetrics.LogLoss(trueClass, probabilities);
            }

            case MetricNames.Rmse:
                return truth.Select((t, j) => RegressionMetrics.Rmse(t, predicted[j])).Average();
            case MetricNames.Mae:
                return truth.Select((t, j) => RegressionMetrics.Mae(t, predicted[j])).Average();
            case MetricNames.Rmsle:
                return truth.Select((t, j) => RegressionMetrics.Rmsle(t, predicted[j])).Average();
            default:
                throw new InvalidOperationException($"Metric '{metric}' has no MLE-bench grading rule; registered competitions use roc_auc, log_loss, accuracy, quadratic_weighted_kappa, rmse, rmsle or mae.");
        }
    }

    // fillna("").tolist(): a missing text label becomes ""; a number column with a missing value becomes a list of floats
    // and "", which NumPy turns into strings ("1.0", ""). tolist() of a text column: NumPy turns its NaN into "nan".
    private static PandasColumn FillMissing(PandasColumn column, string missing)
    {
        if (column.Kind == PandasKind.Text)
        {
            return new PandasColumn(column.Name, PandasKind.Text, [], column.Texts.Select(t => t ?? missing).ToArray());
        }

        if (!column.Numbers.Any(double.IsNaN))
        {
            return column;
        }

        var text = column.AsText().Texts;
        return new PandasColumn(column.Name, PandasKind.Text, [], column.Numbers.Select((v, r) => double.IsNaN(v) ? missing : text[r]).ToArray());
    }

    // log_loss(y_true, y_pred) with one column of probabilities: the probability of the larger of y_true's two labels.
    private static double BinaryLogLoss(double[] truth, double[] predicted)
    {
        var labels = truth.Distinct().Order().ToArray();
        if (labels.Length != 2)
        {
            throw new MetricUndefinedException($"the answers hold {labels.Length} distinct label(s); a binary log loss needs two");
        }

        var trueClass = truth.Select(t => t == labels[1] ? 1 : 0).ToArray();
        return ProbabilityMetrics.LogLoss(trueClass, predicted.Select(p => new[] { 1 - p, p }).ToArray());
    }

    /// <summary>scikit-learn's accuracy_score on the values as pandas typed them (see <see cref="GradingRules.Labels"/>).</summary>
    private static double Accuracy(PandasColumn predicted, PandasColumn truth)
    {
        SklearnLabels.Check(predicted, truth);
        var hits = 0;
        for (var r = 0; r < truth.Length; r++)
        {
            hits += predicted.SameValue(r, truth, r) ? 1 : 0;
        }

        return truth.Length == 0 ? throw new MetricUndefinedException("no rows to score") : (double)hits / truth.Length;
    }

    /// <summary>scikit-learn's cohen_kappa_score(weights="quadratic") on the labels as pandas typed them.</summary>
    private static double Kappa(PandasColumn predicted, PandasColumn truth)
    {
        SklearnLabels.TargetType(predicted, "submission");
        SklearnLabels.TargetType(truth, "answers");
        if (predicted.Kind != truth.Kind)
        {
            throw new Rejected($"labels in the submission ({predicted.Kind}) and the answers ({truth.Kind}) are of different types (scikit-learn: mix of label input types)");
        }

        string[] Labels(PandasColumn c) => Enumerable.Range(0, c.Length).Select(c.Show).ToArray();
        return ClassificationMetrics.QuadraticWeightedKappa(Labels(truth), Labels(predicted));
    }

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>A submission grade.py would reject (InvalidSubmissionError, or an error it raises while grading).</summary>
    internal sealed class Rejected(string message) : Exception(message);
}
