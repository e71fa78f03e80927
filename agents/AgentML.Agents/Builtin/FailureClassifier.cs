using System.Text.RegularExpressions;

namespace AgentML.Agents.Builtin;

/// <summary>Common ways a solution program fails, recognised from its output and the grader's reason.</summary>
public enum FailureKind
{
    Unknown,
    Timeout,
    OutOfMemory,
    StringToFloat,
    UnseenCategory,
    NotFinite,
    MissingClass,
    SubmissionFormat,
    XgboostError,
    ConvergenceOrLinearAlgebra,
}

public static partial class FailureClassifier
{
    public static FailureKind Classify(string? output, string? error)
    {
        var text = $"{error}\n{output}";
        if (TimeoutPattern().IsMatch(text))
        {
            return FailureKind.Timeout;
        }

        if (MemoryPattern().IsMatch(text))
        {
            return FailureKind.OutOfMemory;
        }

        if (text.Contains("could not convert string to float", StringComparison.OrdinalIgnoreCase) ||
            text.Contains("Unable to parse string", StringComparison.OrdinalIgnoreCase))
        {
            return FailureKind.StringToFloat;
        }

        if (UnseenPattern().IsMatch(text))
        {
            return FailureKind.UnseenCategory;
        }

        if (NotFinitePattern().IsMatch(text))
        {
            return FailureKind.NotFinite;
        }

        if (MissingClassPattern().IsMatch(text))
        {
            return FailureKind.MissingClass;
        }

        if (SubmissionPattern().IsMatch(text))
        {
            return FailureKind.SubmissionFormat;
        }

        if (text.Contains("xgboost", StringComparison.OrdinalIgnoreCase) && text.Contains("Error", StringComparison.Ordinal))
        {
            return FailureKind.XgboostError;
        }

        return LinAlgPattern().IsMatch(text) ? FailureKind.ConvergenceOrLinearAlgebra : FailureKind.Unknown;
    }

    /// <summary>The last exception line of a Python traceback, if any.</summary>
    public static string? LastException(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        return output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => ExceptionLine().IsMatch(l));
    }

    [GeneratedRegex(@"timeout|timed out|time limit", RegexOptions.IgnoreCase)]
    private static partial Regex TimeoutPattern();

    [GeneratedRegex(@"MemoryError|out[- ]of[- ]memory|Unable to allocate|Killed|std::bad_alloc", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryPattern();

    [GeneratedRegex(@"unseen|unknown categor|Found unknown|previously unseen labels", RegexOptions.IgnoreCase)]
    private static partial Regex UnseenPattern();

    [GeneratedRegex(@"Input (X |y )?contains (NaN|infinity)|contains NaN|value too large for dtype", RegexOptions.IgnoreCase)]
    private static partial Regex NotFinitePattern();

    [GeneratedRegex(@"least populated class|only one class|contains only one label|n_splits=\d+ cannot be greater|y_true and y_pred contain different number of classes|Only one class present", RegexOptions.IgnoreCase)]
    private static partial Regex MissingClassPattern();

    [GeneratedRegex(@"submission|missing ids?|extra ids?|wrong (number of )?(rows|columns)|row count|column", RegexOptions.IgnoreCase)]
    private static partial Regex SubmissionPattern();

    [GeneratedRegex(@"LinAlgError|did not converge|singular matrix", RegexOptions.IgnoreCase)]
    private static partial Regex LinAlgPattern();

    [GeneratedRegex(@"^[A-Za-z_.]*(Error|Exception)\b")]
    private static partial Regex ExceptionLine();
}
