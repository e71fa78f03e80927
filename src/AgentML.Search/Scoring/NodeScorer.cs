using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Metrics;

namespace AgentML.Search.Scoring;

/// <summary>
/// Judges a program's output the orchestrator's way (DESIGN.md "Scores are the orchestrator's"): its out-of-fold
/// predictions on the training labels (with the per-fold spread), its predictions of the sealed check rows, and a leak
/// test between the two. A program cannot mislabel its metric: only its predictions are read.
/// </summary>
internal sealed class NodeScorer(Labelled train, Labelled? check, int seed)
{
    /// <summary>Bootstrap resamples of the check rows for the leak test's noise estimate.</summary>
    private const int Resamples = 200;

    /// <summary>How many standard errors the out-of-fold score may lead the check score before the node is called leaky.</summary>
    private const double LeakSigmas = 3.5;

    /// <summary>Part of a fold's rows that must be predicted for the fold to count as finished.</summary>
    private const double FinishedFold = 0.9;

    public Labelled Train => train;

    /// <summary>
    /// Scores <paramref name="oof"/> (out-of-fold predictions) and the check rows of <paramref name="submission"/>;
    /// rows of the submission that are not check rows are ignored here (the task's test rows).
    /// </summary>
    public NodeScore Score(CsvTable? oof, CsvTable? submission)
    {
        if (oof is null)
        {
            return NodeScore.Invalid("the program wrote no submission/oof.csv: one out-of-fold prediction per train.csv row is required (folds in input/folds.csv)");
        }

        var (aligned, error) = AlignedPredictions.Align(oof, train);
        if (aligned is null)
        {
            return NodeScore.Invalid("invalid submission/oof.csv: " + error);
        }

        var finished = FinishedFolds(aligned);
        if (finished.Count == 0)
        {
            return NodeScore.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"submission/oof.csv covers {aligned.PresentCount} of {train.Count} training rows and no whole fold"));
        }

        double score;
        var foldScores = new List<double>();
        try
        {
            score = train.Score(aligned.Columns, aligned.PresentRows());
            foldScores.AddRange(finished.Select(rows => train.Score(aligned.Columns, rows)).Where(double.IsFinite));
        }
        catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
        {
            return NodeScore.Invalid("invalid submission/oof.csv: " + ex.Message);
        }

        if (!double.IsFinite(score))
        {
            return NodeScore.Invalid($"{train.Metric.Name} of the out-of-fold predictions is undefined ({score})");
        }

        var coverage = (double)aligned.PresentCount / train.Count;
        var result = new NodeScore
        {
            Score = score,
            FoldScores = foldScores,
            Coverage = coverage,
            PredictionsDigest = aligned.Digest(),
            Note = coverage < 1 ? string.Create(CultureInfo.InvariantCulture, $"out-of-fold predictions for {coverage * 100:F0}% of the training rows ({finished.Count} folds)") : null,
        };
        return check is null || check.Count == 0 ? result : WithCheck(result, submission);
    }

    private NodeScore WithCheck(NodeScore result, CsvTable? submission)
    {
        if (submission is null)
        {
            return NodeScore.Invalid("the program wrote no submission/submission.csv");
        }

        var (aligned, error) = AlignedPredictions.Align(submission, check!, ignore: _ => true);
        if (aligned is null || !aligned.Complete)
        {
            return NodeScore.Invalid("invalid submission/submission.csv: " + (error ?? $"{check!.Count - (aligned?.PresentCount ?? 0)} test.csv row(s) have no prediction"));
        }

        double checkScore;
        try
        {
            checkScore = check!.Score(aligned.Columns);
        }
        catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
        {
            return NodeScore.Invalid("invalid submission/submission.csv: " + ex.Message);
        }

        var (leaky, note) = LeakTest(result.Score!.Value, result.FoldScores, checkScore, aligned.Columns);
        return result with
        {
            CheckScore = double.IsFinite(checkScore) ? checkScore : null,
            Leaky = leaky,
            Note = leaky ? note : result.Note,
        };
    }

    /// <summary>
    /// Leaky when the out-of-fold score leads the check score by more than <see cref="LeakSigmas"/> standard errors:
    /// the check score's from a bootstrap of the check rows, the out-of-fold score's from the spread of its folds.
    /// </summary>
    private (bool Leaky, string Note) LeakTest(double oofScore, IReadOnlyList<double> foldScores, double checkScore, string[][] checkPredictions)
    {
        if (!double.IsFinite(checkScore))
        {
            return (false, "");
        }

        var lead = train.Metric.Oriented(oofScore) - train.Metric.Oriented(checkScore);
        if (lead <= 0)
        {
            return (false, "");
        }

        var rng = new Random(seed);
        var samples = new List<double>(Resamples);
        var rows = new int[check!.Count];
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = rng.Next(rows.Length);
            }

            try
            {
                var value = check.Score(checkPredictions, rows);
                if (double.IsFinite(value))
                {
                    samples.Add(value);
                }
            }
            catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
            {
                // A resample without both classes: skipped.
            }
        }

        var checkError = samples.Count > 10 ? StandardDeviation(samples) : double.PositiveInfinity;
        var oofError = foldScores.Count > 1 ? StandardDeviation(foldScores) / Math.Sqrt(foldScores.Count) : 0;
        var noise = Math.Sqrt((checkError * checkError) + (oofError * oofError));
        var leaky = lead > (LeakSigmas * noise) + 1e-12;
        return (leaky, string.Create(CultureInfo.InvariantCulture,
            $"leaky: out-of-fold {train.Metric.Name} {oofScore:G5} is better than the sealed check's {checkScore:G5} by {lead:G3}, more than {LeakSigmas} standard errors ({noise:G3}); predictions of the training rows must come from models that did not see them"));
    }

    /// <summary>The rows of each fold the program finished.</summary>
    private List<IReadOnlyList<int>> FinishedFolds(AlignedPredictions aligned)
    {
        if (train.Folds is null)
        {
            return aligned.PresentCount == train.Count ? [aligned.PresentRows()] : [];
        }

        return train.RowsByFold()
            .Where(rows => rows.Count(r => aligned.Present[r]) >= FinishedFold * rows.Count)
            .Select(rows => (IReadOnlyList<int>)rows.Where(r => aligned.Present[r]).ToList())
            .ToList();
    }

    internal static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
    }
}
