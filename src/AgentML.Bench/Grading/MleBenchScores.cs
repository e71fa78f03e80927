using AgentML.Bench.Competitions;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>
/// The scores of grade.py files that are not one of Core's metrics (<see cref="GradingRules.Score"/>): scipy's Pearson
/// and Spearman correlations, the log-MAE averaged over groups, Jaccard indices, micro F1 over tags and the Matthews
/// correlation, computed on the rows the grading rules paired.
/// A score scipy or NumPy would make NaN or infinite is returned as such (the caller reports it as invalid).
/// </summary>
internal static class MleBenchScores
{
    public static double Score(string formula, GradingRules rules, PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows, PandasTable answerTable) =>
        formula switch
        {
            "pearson" => Pearson(submission, answers, subRows, ansRows),
            "mean_column_spearman" => submission.Select((s, j) => Spearman(s.Take(subRows), answers[j].Take(ansRows))).Average(),
            "mean_log_mae_by_group" => MeanLogMaeByGroup(rules, submission, answers, subRows, ansRows, answerTable),
            "jigsaw_bias_auc" => JigsawBiasAuc(rules, submission[0].Take(subRows), answers[0].Take(ansRows), ansRows, answerTable),
            "mean_jaccard" => MeanJaccard(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "tag_micro_f1" => TagMicroF1(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "mcc" => MatthewsCorrelation(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "mean_jaccard_samples" => MeanJaccardSamples(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "kendall_tau_orders" => KendallTau(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "mean_levenshtein" => MeanLevenshtein(submission[0].Take(subRows), answers[0].Take(ansRows)),
            "mean_average_precision_at_k" => MeanAveragePrecision(submission[0].Take(subRows), answers[0].Take(ansRows),
                rules.K ?? throw new InvalidOperationException("grading.score mean_average_precision_at_k needs grading.k.")),
            _ => MleBenchMeasureScores.Score(formula, rules, submission, answers, subRows, ansRows, answerTable),
        };

    // scipy.stats.pearsonr(y_true, y_pred) on to_numpy() arrays: an object (text) array fails, NaN or infinity raise.
    private static double Pearson(PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows)
    {
        if (submission.Length != 1)
        {
            throw new InvalidOperationException("grading.score pearson takes exactly one target column.");
        }

        var predictedColumn = submission[0].Take(subRows);
        if (predictedColumn.Kind == PandasKind.Text)
        {
            throw new MleBenchRuleGrader.Rejected($"column '{predictedColumn.Name}' is not numeric (pandas reads it as text): scipy's pearsonr cannot use it");
        }

        var predicted = MleBenchRuleGrader.Numbers(predictedColumn, "submission");
        var truth = MleBenchRuleGrader.Numbers(answers[0].Take(ansRows), "answers");
        if (truth.Length < 2)
        {
            throw new MleBenchRuleGrader.Rejected("pearsonr needs at least two rows");
        }

        return Correlation(truth, predicted);
    }

    // scipy.stats.spearmanr(sub[col], ans[col]) (nan_policy="propagate"): average ranks of ties, then Pearson of the
    // ranks. A column pandas reads as text is ranked as NumPy sorts its strings (surprising, but what grade.py does);
    // a missing value makes the correlation NaN.
    private static double Spearman(PandasColumn predicted, PandasColumn truth)
    {
        var a = Ranks(predicted);
        var b = Ranks(truth);
        return a is null || b is null ? double.NaN : Correlation(a, b);
    }

    private static double[]? Ranks(PandasColumn column)
    {
        var n = column.Length;
        if (column.Kind == PandasKind.Number ? column.Numbers.Any(double.IsNaN) : column.Texts.Any(t => t is null))
        {
            return null;
        }

        Comparison<int> compare = column.Kind == PandasKind.Number
            ? (x, y) => column.Numbers[x].CompareTo(column.Numbers[y])
            : (x, y) => string.CompareOrdinal(column.Texts[x], column.Texts[y]);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, compare);
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && compare(order[start], order[end]) == 0)
            {
                end++;
            }

            // Ties share the mean of the 1-based ranks start+1 .. end.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    // Pearson's r as scipy computes it: centred vectors, clipped to [-1, 1]; NaN when either is constant.
    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    // jigsaw-unintended-bias-in-toxicity-classification: predictions, toxicity and identities become 1 if x >= 0.5 else 0
    // (surprising: the AUCs are of thresholded predictions, and NaN becomes 0 rather than an error; text fails the
    // comparison); then 0.25 * overall AUC + 0.25 * the power mean (p = -5) of each bias AUC over the identities.
    private static double JigsawBiasAuc(GradingRules rules, PandasColumn predicted, PandasColumn truth, int[] ansRows, PandasTable answerTable)
    {
        const double P = -5;
        const double W = 0.25;
        var prediction = Threshold(predicted, "submission");
        var toxic = Threshold(truth, "answers");
        var identities = rules.IdentityColumns.Select(name => Threshold(
            (answerTable[name] ?? throw new UserFacingException($"grading.identity_columns: the answers have no column '{name}'")).Take(ansRows), "answers")).ToArray();
        if (identities.Length == 0)
        {
            throw new InvalidOperationException("grading.score jigsaw_bias_auc needs grading.identity_columns.");
        }

        double Auc(Func<int, bool> keep)
        {
            var rows = Enumerable.Range(0, toxic.Length).Where(keep).ToArray();
            return ProbabilityMetrics.RocAuc(rows.Select(r => toxic[r] == 1).ToArray(), rows.Select(r => prediction[r]).ToArray());
        }

        var bias = identities.Select(id => new[]
        {
            Auc(r => id[r] == 1),                                            // subgroup
            Auc(r => (toxic[r] == 0 && id[r] == 1) || (toxic[r] == 1 && id[r] != 1)),  // BPSN
            Auc(r => (toxic[r] == 1 && id[r] == 1) || (toxic[r] == 0 && id[r] != 1)),  // BNSP
        }).ToArray();
        var powerMeans = Enumerable.Range(0, 3).Select(k => Math.Pow(bias.Sum(b => Math.Pow(b[k], P)) / identities.Length, 1 / P));
        return (W * Auc(_ => true)) + powerMeans.Sum(m => W * m);
    }

    // pandas .apply(lambda x: 1 if x >= 0.5 else 0): NaN compares false (0); a text value raises TypeError.
    private static double[] Threshold(PandasColumn column, string what)
    {
        if (column.Kind == PandasKind.Text && Array.FindIndex(column.Texts, t => t is not null) is var row and >= 0)
        {
            throw new MleBenchRuleGrader.Rejected($"{what}: column '{column.Name}' holds text ('{column.Texts[row]}'), which cannot be compared with 0.5");
        }

        return column.Kind == PandasKind.Text ? new double[column.Length] : column.Numbers.Select(v => v >= 0.5 ? 1.0 : 0.0).ToArray();
    }

    // tweet-sentiment-extraction: fillna("").astype(str) on both columns, then the mean over rows of the Jaccard index of
    // the sets of str.lower().split() words; a row where both are empty divides by zero (invalid).
    private static double MeanJaccard(PandasColumn predicted, PandasColumn truth)
    {
        var p = Strings(predicted);
        var t = Strings(truth);
        if (t.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score (the mean of nothing is NaN)");
        }

        return Enumerable.Range(0, t.Length).Average(r =>
        {
            var a = Words(p[r], lower: true);
            var b = Words(t[r], lower: true);
            var common = a.Count(b.Contains);
            var union = a.Count + b.Count - common;
            return union == 0
                ? throw new MleBenchRuleGrader.Rejected($"row {r + 1}: both the prediction and the answer are empty (grade.py's jaccard divides by zero)")
                : (double)common / union;
        });
    }

    // facebook-recruiting-iii-keyword-extraction: MultiLabelBinarizer(classes = every tag of the answers) over
    // fillna("").str.split(), then f1_score(average="micro"). Surprising: a predicted tag that no answer has is dropped by
    // transform (it is not a false positive); tags are case-sensitive; a column pandas reads as numbers has no .str (invalid).
    private static double TagMicroF1(PandasColumn predicted, PandasColumn truth)
    {
        if (predicted.Kind != PandasKind.Text || truth.Kind != PandasKind.Text)
        {
            throw new MleBenchRuleGrader.Rejected($"column '{predicted.Name}' is not text (pandas reads it as numbers): grade.py's .str.split() cannot use it");
        }

        var truthTags = truth.Texts.Select(t => Words(t ?? "", lower: false)).ToArray();
        var classes = truthTags.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
        long tp = 0, fp = 0, fn = 0;
        for (var r = 0; r < truthTags.Length; r++)
        {
            var p = Words(predicted.Texts[r] ?? "", lower: false);
            p.IntersectWith(classes);
            var hits = p.Count(truthTags[r].Contains);
            tp += hits;
            fp += p.Count - hits;
            fn += truthTags[r].Count - hits;
        }

        // scikit-learn's zero_division="warn": 0 when there is nothing to count.
        return tp + fp + fn == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
    }

    // scikit-learn's matthews_corrcoef(answers, submission): the label checks of every classification metric, then a
    // LabelEncoder over both columns (numbers and text together cannot be sorted: invalid), then the multi-class formula
    // over the confusion matrix; 0 when either side has a single label.
    private static double MatthewsCorrelation(PandasColumn predicted, PandasColumn truth)
    {
        SklearnLabels.Check(predicted, truth);
        if (predicted.Kind != truth.Kind)
        {
            throw new MleBenchRuleGrader.Rejected($"labels in the submission ({predicted.Kind}) and the answers ({truth.Kind}) cannot be sorted together (scikit-learn's LabelEncoder)");
        }

        var p = Enumerable.Range(0, predicted.Length).Select(predicted.Show).ToArray();
        var t = Enumerable.Range(0, truth.Length).Select(truth.Show).ToArray();
        double n = t.Length, correct = t.Where((label, r) => label == p[r]).Count();
        double Dot(IEnumerable<string> a, IEnumerable<string> b)
        {
            var countsB = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
            return a.GroupBy(x => x, StringComparer.Ordinal).Sum(g => g.Count() * countsB.GetValueOrDefault(g.Key));
        }

        var covTruePredicted = (correct * n) - Dot(t, p);
        var covPredicted = (n * n) - Dot(p, p);
        var covTrue = (n * n) - Dot(t, t);
        return covPredicted * covTrue == 0 ? 0 : covTruePredicted / Math.Sqrt(covTrue * covPredicted);
    }

    // chaii: fillna("") on both, then jaccard_score(average="samples") of the sets of str.lower().split() words: the mean
    // over rows of |A ∩ B| / |A ∪ B|, a row where both are empty scoring 0 (zero_division). A value pandas reads as a
    // number has no .lower() (invalid).
    private static double MeanJaccardSamples(PandasColumn predicted, PandasColumn truth)
    {
        if (predicted.Kind == PandasKind.Number && predicted.Numbers.Any(v => !double.IsNaN(v)))
        {
            throw new MleBenchRuleGrader.Rejected($"column '{predicted.Name}' holds numbers, which have no .lower() (grade.py splits text into words)");
        }

        string Text(PandasColumn c, int r) => c.Kind == PandasKind.Text ? c.Texts[r] ?? "" : "";
        if (truth.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        return Enumerable.Range(0, truth.Length).Average(r =>
        {
            var a = Words(Text(predicted, r), lower: true);
            var b = Words(Text(truth, r), lower: true);
            var common = a.Count(b.Contains);
            var union = a.Count + b.Count - common;
            return union == 0 ? 0 : (double)common / union;
        });
    }

    // billion-word-imputation: the mean over rows of Levenshtein.distance(answer, prediction) in Unicode code points; a
    // missing or numeric value is not a str (TypeError: invalid).
    private static double MeanLevenshtein(PandasColumn predicted, PandasColumn truth)
    {
        string Text(PandasColumn c, int r, string what) => c.Kind == PandasKind.Text && c.Texts[r] is { } text
            ? text
            : throw new MleBenchRuleGrader.Rejected($"{what}: row {r + 1} of '{c.Name}' is {c.Show(r)}, not text (Levenshtein.distance needs strings)");
        if (truth.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score (the mean of nothing is NaN)");
        }

        return Enumerable.Range(0, truth.Length).Average(r => Levenshtein(Text(truth, r, "answers"), Text(predicted, r, "submission")));
    }

    private static int Levenshtein(string a, string b)
    {
        var x = a.EnumerateRunes().ToArray();
        var y = b.EnumerateRunes().ToArray();
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        var current = new int[y.Length + 1];
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[y.Length];
    }

    // h-and-m (mlebench.metrics.mean_average_precision_at_k): astype(str).str.split(" ") on both (a missing value is
    // "nan", a number is printed as Python prints it, two spaces make an empty item); per row, the first k predictions,
    // each hit counted once, divided by min(|answers|, k); then the mean over rows.
    private static double MeanAveragePrecision(PandasColumn predicted, PandasColumn truth, int k)
    {
        var p = predicted.AsText().Texts;
        var t = truth.AsText().Texts;
        if (t.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score (the mean of nothing is NaN)");
        }

        return Enumerable.Range(0, t.Length).Average(r =>
        {
            var actual = t[r]!.Split(' ').ToHashSet(StringComparer.Ordinal);
            var items = p[r]!.Split(' ').Take(k).ToArray();
            double score = 0, hits = 0;
            for (var i = 0; i < items.Length; i++)
            {
                if (actual.Contains(items[i]) && Array.IndexOf(items, items[i], 0, i) < 0)
                {
                    hits++;
                    score += hits / (i + 1);
                }
            }

            return score / Math.Min(actual.Count, k);
        });
    }

    // fillna("").astype(str): missing values become "", numbers are printed as Python prints them.
    private static string[] Strings(PandasColumn column)
    {
        var text = column.AsText().Texts;
        return Enumerable.Range(0, column.Length)
            .Select(r => (column.Kind == PandasKind.Text ? column.Texts[r] is null : double.IsNaN(column.Numbers[r])) ? "" : text[r]!)
            .ToArray();
    }

    // Python's str.split() (after str.lower() when asked): runs of Unicode whitespace (str.isspace, which also counts
    // \x1c-\x1f) separate words.
    private static HashSet<string> Words(string text, bool lower) =>
        Split(lower ? text.ToLowerInvariant() : text).ToHashSet(StringComparer.Ordinal);

    private static string[] Split(string text) =>
        text.Split(text.Where(c => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f').Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    // AI4Code: astype(str), both sorted by id and zipped; per row the submission's order is grade.py's "ground truth" and
    // the answers' its "predictions" (the names are swapped in grade.py, the score is not): each answer cell is ranked by
    // its place in the submission's order (a cell missing there raises ValueError: invalid; orders of different lengths
    // are invalid), inversions are summed over rows, then 1 - 4 * inversions / sum of n(n - 1).
    private static double KendallTau(PandasColumn predicted, PandasColumn truth)
    {
        var p = predicted.AsText().Texts;
        var t = truth.AsText().Texts;
        long inversions = 0, max2 = 0;
        for (var r = 0; r < t.Length; r++)
        {
            var order = Split(p[r]!);
            var cells = Split(t[r]!);
            if (order.Length != cells.Length)
            {
                throw new MleBenchRuleGrader.Rejected($"row {r + 1}: the submission orders {order.Length} cells, the answers {cells.Length}");
            }

            var ranks = cells.Select(c => Array.IndexOf(order, c)).ToArray();
            if (Array.IndexOf(ranks, -1) is var missing and >= 0)
            {
                throw new MleBenchRuleGrader.Rejected($"row {r + 1}: cell '{cells[missing]}' is not in the submission's order");
            }

            for (var j = 1; j < ranks.Length; j++)
            {
                inversions += ranks.Take(j).Count(earlier => earlier > ranks[j]);
            }

            max2 += (long)cells.Length * (cells.Length - 1);
        }

        return max2 == 0
            ? throw new MleBenchRuleGrader.Rejected("every order has fewer than two cells (grade.py divides by zero)")
            : 1 - (4.0 * inversions / max2);
    }

    // champs: merged.groupby(type), np.log(mean_absolute_error) per group, np.mean over the groups. A group predicted
    // exactly has log(0) = -inf, which MLE-bench reports as a score.
    private static double MeanLogMaeByGroup(GradingRules rules, PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows, PandasTable answerTable)
    {
        var groupColumn = rules.GroupBy is { } name
            ? answerTable[name] ?? throw new UserFacingException($"grading.group_by '{name}': the answers have no such column (columns: {string.Join(", ", answerTable.Names)})")
            : throw new InvalidOperationException("grading.score mean_log_mae_by_group needs grading.group_by.");
        var predicted = MleBenchRuleGrader.Numbers(submission[0].Take(subRows), "submission");
        var truth = MleBenchRuleGrader.Numbers(answers[0].Take(ansRows), "answers");
        var groups = Enumerable.Range(0, ansRows.Length).GroupBy(k => groupColumn.Show(ansRows[k]), StringComparer.Ordinal).ToArray();
        if (groups.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        return groups.Average(group =>
        {
            var rows = group.ToArray();
            return Math.Log(RegressionMetrics.Mae(rows.Select(k => truth[k]).ToArray(), rows.Select(k => predicted[k]).ToArray()));
        });
    }
}
