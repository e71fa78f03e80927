namespace AgentML.Bench.Grading;

/// <summary>scikit-learn's checks of label inputs (type_of_target, _check_targets) on columns as pandas typed them.</summary>
internal static class SklearnLabels
{
    /// <summary>
    /// _check_targets of a classification metric (accuracy_score, f1_score, matthews_corrcoef): each column binary or
    /// multiclass, and binary labels of different types (numbers against text) rejected.
    /// </summary>
    public static void Check(PandasColumn predicted, PandasColumn truth)
    {
        var predictedType = TargetType(predicted, "submission");
        var truthType = TargetType(truth, "answers");
        if (predictedType == "binary" && truthType == "binary" && predicted.Kind != truth.Kind)
        {
            throw new MleBenchRuleGrader.Rejected($"labels in the submission ({predicted.Kind}) and the answers ({truth.Kind}) are of different types (scikit-learn refuses to mix them)");
        }
    }

    // scikit-learn's type_of_target for a label column: binary, multiclass, or an error.
    public static string TargetType(PandasColumn column, string what)
    {
        if (column.Kind == PandasKind.Text)
        {
            if (column.Texts.Any(t => t is null))
            {
                throw new MleBenchRuleGrader.Rejected($"{what}: column '{column.Name}' has missing labels");
            }

            return column.Texts.Distinct(StringComparer.Ordinal).Count() <= 2 ? "binary" : "multiclass";
        }

        var bad = Array.FindIndex(column.Numbers, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new MleBenchRuleGrader.Rejected($"{what}: column '{column.Name}' holds {column.Show(bad)} (scikit-learn rejects NaN and infinity)");
        }

        var fractional = Array.FindIndex(column.Numbers, v => v != Math.Floor(v));
        if (fractional >= 0)
        {
            throw new MleBenchRuleGrader.Rejected($"{what}: column '{column.Name}' holds {column.Show(fractional)}: continuous values are not class labels (scikit-learn)");
        }

        return column.Numbers.Distinct().Count() <= 2 ? "binary" : "multiclass";
    }
}
