namespace AgentML.Core.Metrics;

/// <summary>Turns submission-format columns into the arrays the metric functions take.</summary>
internal static class MetricColumns
{
    /// <summary>Labels of one label column (numbers compared by value), or the arg-max class of per-class columns.</summary>
    public static (string[] Truth, string[] Predicted) Labels(MetricInput input)
    {
        if (input.Columns.Count == 1)
        {
            var truth = input.Answers[0].Select(s => s.Trim()).ToArray();
            var predicted = input.Predictions[0].Select(s => s.Trim()).ToArray();
            if (AllNumbers(truth) && AllNumbers(predicted))
            {
                return (Canonical(truth), Canonical(predicted));
            }

            var knownLabels = truth.ToHashSet(StringComparer.Ordinal);
            for (var r = 0; r < predicted.Length; r++)
            {
                if (Tasks.ColumnValues.IsMissing(predicted[r]) && !knownLabels.Contains(predicted[r]))
                {
                    throw new InvalidPredictionException(
                        $"submission: missing label ('{predicted[r]}') in column '{input.Columns[0]}' for {input.Describe(r)}");
                }
            }

            return (truth, predicted);
        }

        var classes = input.Columns;
        var trueIndex = OneHotClasses(input);
        var columns = Enumerable.Range(0, classes.Count).Select(input.PredictionValues).ToArray();
        var predictedLabels = new string[input.RowCount];
        for (var r = 0; r < predictedLabels.Length; r++)
        {
            var best = 0;
            for (var c = 1; c < columns.Length; c++)
            {
                if (columns[c][r] > columns[best][r])
                {
                    best = c;
                }
            }

            predictedLabels[r] = classes[best];
        }

        return (trueIndex.Select(i => classes[i]).ToArray(), predictedLabels);
    }

    /// <summary>The positive label: the input's (canonicalised when numeric), else the greatest label as scikit-learn.</summary>
    public static string PositiveLabel(MetricInput input, string[] truth, string[] predicted)
    {
        if (input.PositiveLabel is { } positive)
        {
            return NumberParsing.TryParse(positive, out var v) && AllNumbers(truth) ? NumberParsing.Format(v) : positive.Trim();
        }

        return ClassificationMetrics.LabelOrder(truth.Concat(predicted))[^1];
    }

    /// <summary>Whether each answer of column <paramref name="column"/> is the positive class.</summary>
    public static bool[] Positives(MetricInput input, int column)
    {
        var answers = input.Answers[column].Select(s => s.Trim()).ToArray();
        if (input.Columns.Count > 1)
        {
            return input.AnswerValues(column).Select(v => v == 1).ToArray();
        }

        var labels = AllNumbers(answers) ? Canonical(answers) : answers;
        string positive;
        if (input.PositiveLabel is { } given)
        {
            positive = NumberParsing.TryParse(given, out var v) && AllNumbers(answers) ? NumberParsing.Format(v) : given.Trim();
            if (!labels.Contains(positive, StringComparer.Ordinal) && labels.All(l => l is "0" or "1"))
            {
                positive = "1"; // answers already encoded as 0/1 for a text positive label (e.g. "bad" -> 1)
            }
        }
        else
        {
            var distinct = ClassificationMetrics.LabelOrder(labels);
            if (distinct.Count > 2)
            {
                throw new InvalidPredictionException(
                    $"answers: column '{input.Columns[column]}' has {distinct.Count} labels; a probability column needs two (0/1)");
            }

            positive = distinct.Count == 2 || distinct[0] == "1" ? distinct[^1] : "1";
        }

        return labels.Select(l => l == positive).ToArray();
    }

    /// <summary>The true class index of each row from one-hot answer columns.</summary>
    public static int[] OneHotClasses(MetricInput input)
    {
        var columns = Enumerable.Range(0, input.Columns.Count).Select(input.AnswerValues).ToArray();
        var result = new int[input.RowCount];
        for (var r = 0; r < result.Length; r++)
        {
            var index = -1;
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c][r] == 1)
                {
                    index = index < 0 ? c : throw new InvalidPredictionException($"answers: {input.Describe(r)} has more than one class marked 1");
                }
            }

            result[r] = index >= 0 ? index : throw new InvalidPredictionException($"answers: {input.Describe(r)} has no class marked 1");
        }

        return result;
    }

    private static bool AllNumbers(string[] values) => values.All(v => NumberParsing.TryParse(v, out var d) && double.IsFinite(d));

    private static string[] Canonical(string[] values) => values.Select(v => NumberParsing.Format(NumberParsing.Parse(v))).ToArray();
}
