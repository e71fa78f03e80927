using AgentML.Bench.Competitions;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>
/// grade.py scores of measurements (<see cref="GradingRules.Score"/>): positions on the earth, directions in the sky
/// and a value with its confidence, computed on the rows the grading rules paired, as NumPy computes them. A NaN the
/// formula lets through makes the score NaN (the caller reports it as invalid; MLE-bench reports it as a score).
/// </summary>
internal static class MleBenchMeasureScores
{
    // notebook.py's HAVERSINE_RADIUS (metres).
    private const double EarthRadius = 6_371_000;

    public static double Score(string formula, GradingRules rules, PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows, PandasTable answerTable) =>
        formula switch
        {
            "mean_haversine_p50_p95" => MeanHaversine(rules, submission, answers, subRows, ansRows, answerTable),
            "mean_angular_error" => MeanAngularError(submission, answers, subRows, ansRows),
            "laplace_log_likelihood" => LaplaceLogLikelihood(submission, answers, subRows, ansRows),
            "natural_questions_micro_f1" => NaturalQuestions.MicroF1(submission[0].Take(subRows), answers[0].Take(ansRows)),
            _ => throw new InvalidOperationException(
                $"Unknown grading.score '{formula}' (expected pearson, mean_column_spearman, mean_log_mae_by_group, jigsaw_bias_auc, mean_jaccard, tag_micro_f1, mcc, mean_jaccard_samples, mean_average_precision_at_k, mean_levenshtein, kendall_tau_orders, natural_questions_micro_f1, mean_haversine_p50_p95, mean_angular_error or laplace_log_likelihood)."),
        };

    // smartphone-decimeter-2022 (grade.py with notebook.py's calc_score): per trip of the answers, in order of first
    // appearance, the haversine distance of each (latitude, longitude) pair in degrees, then the mean of np.quantile(d,
    // 0.5) and np.quantile(d, 0.95); the score is the mean over trips. A NaN position makes its trip's quantiles NaN.
    private static double MeanHaversine(GradingRules rules, PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows, PandasTable answerTable)
    {
        if (submission.Length != 2)
        {
            throw new InvalidOperationException("grading.score mean_haversine_p50_p95 takes two target columns: latitude and longitude.");
        }

        var trip = rules.GroupBy is { } name
            ? answerTable[name] ?? throw new UserFacingException($"grading.group_by '{name}': the answers have no such column (columns: {string.Join(", ", answerTable.Names)})")
            : throw new InvalidOperationException("grading.score mean_haversine_p50_p95 needs grading.group_by.");
        double[] Values(PandasColumn c, int[] rows) => c.Take(rows).Numbers;
        double[] latP = Values(submission[0], subRows), lonP = Values(submission[1], subRows);
        double[] latT = Values(answers[0], ansRows), lonT = Values(answers[1], ansRows);
        var trips = Enumerable.Range(0, ansRows.Length).GroupBy(k => trip.Show(ansRows[k]), StringComparer.Ordinal).ToArray();
        if (trips.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        return trips.Average(rows =>
        {
            var d = rows.Select(k => Haversine(latP[k], lonP[k], latT[k], lonT[k])).Order().ToArray();
            return (Quantile(d, 0.5) + Quantile(d, 0.95)) / 2;
        });
    }

    // notebook.py's haversine_distance(prediction, truth) on np.deg2rad of both.
    private static double Haversine(double lat1, double lng1, double lat2, double lng2)
    {
        const double Radians = Math.PI / 180.0;
        (lat1, lng1, lat2, lng2) = (lat1 * Radians, lng1 * Radians, lat2 * Radians, lng2 * Radians);
        var sinLat = Math.Sin((lat2 - lat1) / 2);
        var sinLng = Math.Sin((lng2 - lng1) / 2);
        var a = (sinLat * sinLat) + (Math.Cos(lat1) * Math.Cos(lat2) * (sinLng * sinLng));
        return 2 * EarthRadius * Math.Asin(Math.Sqrt(a));
    }

    // np.quantile(sorted, q) with the default "linear" method: virtual index (n - 1) q, NumPy's _lerp; NaN when any value is NaN.
    private static double Quantile(double[] sorted, double q)
    {
        if (sorted.Any(double.IsNaN))
        {
            return double.NaN;
        }

        var index = (sorted.Length - 1) * q;
        var below = Math.Floor(index);
        var gamma = index - below;
        var a = sorted[Math.Min((int)below, sorted.Length - 1)];
        var b = sorted[Math.Min((int)below + 1, sorted.Length - 1)];
        var diff = b - a;
        return gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
    }

    // icecube-neutrinos-in-deep-ice (grade.py's angular_dist_score of the host's notebook): each (azimuth, zenith) pair
    // as a unit vector, the scalar product clipped to [-1, 1], the mean of its arccos. NaN and infinity were rejected.
    private static double MeanAngularError(PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows)
    {
        double[] Values(PandasColumn c, int[] rows, string what) => MleBenchRuleGrader.Numbers(c.Take(rows), what);
        double[] azP = Values(submission[0], subRows, "submission"), zenP = Values(submission[1], subRows, "submission");
        double[] azT = Values(answers[0], ansRows, "answers"), zenT = Values(answers[1], ansRows, "answers");
        if (azT.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        return Enumerable.Range(0, azT.Length).Average(k =>
        {
            var product = (Math.Sin(zenT[k]) * Math.Sin(zenP[k]) * ((Math.Cos(azT[k]) * Math.Cos(azP[k])) + (Math.Sin(azT[k]) * Math.Sin(azP[k]))))
                + (Math.Cos(zenT[k]) * Math.Cos(zenP[k]));
            return Math.Abs(Math.Acos(Math.Clamp(product, -1, 1)));
        });
    }

    // osic-pulmonary-fibrosis-progression (grade.py's laplace_log_likelihood): the confidence after fillna(0) and
    // np.maximum(·, 70), the error np.minimum(|truth - prediction|, 1000), then the mean of
    // -sqrt(2) error / confidence - log(sqrt(2) confidence). A missing prediction makes the mean NaN.
    private static double LaplaceLogLikelihood(PandasColumn[] submission, PandasColumn[] answers, int[] subRows, int[] ansRows)
    {
        var predicted = submission[0].Take(subRows).Numbers;
        var confidence = submission[1].Take(subRows).Numbers;
        var truth = MleBenchRuleGrader.Numbers(answers[0].Take(ansRows), "answers");
        if (truth.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score (the mean of nothing is NaN)");
        }

        return Enumerable.Range(0, truth.Length).Average(k =>
        {
            var sd = Math.Max(double.IsNaN(confidence[k]) ? 0 : confidence[k], 70);
            var delta = Math.Min(Math.Abs(truth[k] - predicted[k]), 1000);
            return (-Math.Sqrt(2) * delta / sd) - Math.Log(Math.Sqrt(2) * sd);
        });
    }
}
