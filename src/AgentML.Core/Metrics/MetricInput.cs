namespace AgentML.Core.Metrics;

/// <summary>
/// Aligned answers and predictions in submission format, column by column (one array per target column, one value
/// per row, same row order). Values are kept as the submitted text so that a metric parses exactly what it needs;
/// the factories build inputs from plain arrays of doubles or labels.
/// </summary>
public sealed record MetricInput
{
    /// <summary>The target column names (e.g. ["price"] or ["Adelie", "Chinstrap", "Gentoo"]).</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Answers per column: <c>Answers[column][row]</c>.</summary>
    public required IReadOnlyList<string[]> Answers { get; init; }

    /// <summary>Predictions per column: <c>Predictions[column][row]</c>.</summary>
    public required IReadOnlyList<string[]> Predictions { get; init; }

    /// <summary>The positive label of a binary task (f1, roc_auc, log_loss); default: the greatest label, as scikit-learn.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Several independent 0/1 columns (multi-label) rather than one-hot class columns.</summary>
    public bool MultiLabel { get; init; }

    /// <summary>Row ids (for messages); row numbers are used when absent.</summary>
    public IReadOnlyList<string>? RowIds { get; init; }

    public int RowCount => Answers.Count == 0 ? 0 : Answers[0].Length;

    /// <summary>Numeric answers and predictions (one value column).</summary>
    public static MetricInput Values(IReadOnlyList<double> answers, IReadOnlyList<double> predictions, string column = "value") =>
        Of(column, Format(answers), Format(predictions));

    /// <summary>Label answers and predictions (one label column).</summary>
    public static MetricInput Labels(IReadOnlyList<string> answers, IReadOnlyList<string> predictions, string? positiveLabel = null, string column = "label") =>
        Of(column, [.. answers], [.. predictions]) with { PositiveLabel = positiveLabel };

    /// <summary>Binary labels and the submitted probability (or score) of <paramref name="positiveLabel"/>.</summary>
    public static MetricInput Scores(IReadOnlyList<string> answers, IReadOnlyList<double> scores, string? positiveLabel = null, string column = "target") =>
        Of(column, [.. answers], Format(scores)) with { PositiveLabel = positiveLabel };

    /// <summary>One probability column per class: answers are the true classes, <paramref name="probabilities"/>[row][class].</summary>
    public static MetricInput ClassProbabilities(IReadOnlyList<string> classes, IReadOnlyList<string> answers, IReadOnlyList<double[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(probabilities);
        var answerColumns = classes.Select(c => answers.Select(a => a == c ? "1" : "0").ToArray()).ToArray();
        var predictionColumns = classes.Select((_, k) => probabilities.Select(row => NumberParsing.Format(row[k])).ToArray()).ToArray();
        foreach (var a in answers.Where(a => !classes.Contains(a)))
        {
            throw new ArgumentException($"Answer '{a}' is not one of the classes.", nameof(answers));
        }

        return new MetricInput { Columns = [.. classes], Answers = answerColumns, Predictions = predictionColumns };
    }

    /// <summary>Several 0/1 columns and their predicted probabilities, <c>[row][column]</c>.</summary>
    public static MetricInput MultiLabelScores(IReadOnlyList<string> columns, IReadOnlyList<double[]> answers, IReadOnlyList<double[]> scores)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(scores);
        return new MetricInput
        {
            Columns = [.. columns],
            Answers = columns.Select((_, k) => Format(answers.Select(r => r[k]).ToArray())).ToArray(),
            Predictions = columns.Select((_, k) => Format(scores.Select(r => r[k]).ToArray())).ToArray(),
            MultiLabel = true,
        };
    }

    /// <summary>Space-separated ranked lists (map@k): answers hold the relevant items, predictions the ranking.</summary>
    public static MetricInput Rankings(IReadOnlyList<string> answers, IReadOnlyList<string> predictions, string column = "items") =>
        Of(column, [.. answers], [.. predictions]);

    /// <summary>The row's id, or "row N".</summary>
    public string Describe(int row) => RowIds is { } ids && row < ids.Count ? $"id {ids[row]}" : $"row {row + 1}";

    /// <summary>Parses the answers of a column as finite numbers.</summary>
    public double[] AnswerValues(int column) => ParseColumn(Answers[column], column, "answers");

    /// <summary>Parses the predictions of a column as finite numbers (NaN, infinity and text are invalid).</summary>
    public double[] PredictionValues(int column) => ParseColumn(Predictions[column], column, "submission");

    private double[] ParseColumn(string[] cells, int column, string what)
    {
        var values = new double[cells.Length];
        for (var r = 0; r < cells.Length; r++)
        {
            if (!NumberParsing.TryParse(cells[r], out var v))
            {
                throw new InvalidPredictionException(
                    cells[r].Trim().Length == 0
                        ? $"{what}: empty value in column '{Columns[column]}' for {Describe(r)}"
                        : $"{what}: '{Truncate(cells[r])}' in column '{Columns[column]}' for {Describe(r)} is not a number");
            }

            if (double.IsNaN(v))
            {
                throw new InvalidPredictionException($"{what}: NaN in column '{Columns[column]}' for {Describe(r)}");
            }

            if (double.IsInfinity(v))
            {
                throw new InvalidPredictionException($"{what}: infinite value in column '{Columns[column]}' for {Describe(r)}");
            }

            values[r] = v;
        }

        return values;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static MetricInput Of(string column, string[] answers, string[] predictions)
    {
        if (answers.Length != predictions.Length)
        {
            throw new ArgumentException($"{answers.Length} answers but {predictions.Length} predictions.");
        }

        return new MetricInput { Columns = [column], Answers = [answers], Predictions = [predictions] };
    }

    private static string[] Format(IReadOnlyList<double> values) => values.Select(NumberParsing.Format).ToArray();
}
