using System.Text.RegularExpressions;
using AgentML.Core.Metrics;

namespace AgentML.Core.Tasks;

/// <summary>
/// Finds the metric a task statement names, from a phrase table ("area under the ROC curve" → roc_auc, ...). The
/// evaluation section is searched first, then the whole text; the earliest phrase wins, and at one place the most
/// specific phrase wins ("root mean squared error between the logarithms" is rmsle, not rmse).
/// </summary>
public static partial class MetricInference
{
    private static readonly (Regex Pattern, string Metric)[] Phrases =
    [
        (MapAtK(), MetricNames.MapAtK),
        (Qwk(), MetricNames.QuadraticWeightedKappa),
        (BalancedAccuracy(), MetricNames.BalancedAccuracy),
        (MacroF1(), MetricNames.F1Macro),
        (MicroF1(), MetricNames.F1Micro),
        (Rmsle(), MetricNames.Rmsle),
        (RmseOfLogs(), MetricNames.Rmsle),
        (Auc(), MetricNames.RocAuc),
        (Gini(), MetricNames.RocAuc),
        (LogLoss(), MetricNames.LogLoss),
        (Rmse(), MetricNames.Rmse),
        (Msle(), MetricNames.Rmsle),
        (Mse(), MetricNames.Rmse),
        (Mae(), MetricNames.Mae),
        (R2(), MetricNames.R2),
        (F1(), MetricNames.F1),
        (Accuracy(), MetricNames.Accuracy),
    ];

    /// <summary>A metric named by <paramref name="description"/>: (metric, the phrase found, where), or null.</summary>
    public static (string Metric, string Phrase, string Where)? FromDescription(string description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        foreach (var section in EvaluationSections(description))
        {
            if (Find(section) is { } inSection)
            {
                return (inSection.Metric, inSection.Phrase, "the evaluation section");
            }
        }

        return Find(description) is { } anywhere ? (anywhere.Metric, anywhere.Phrase, "the description") : null;
    }

    /// <summary>
    /// When the phrase names a metric AgentML scores through an equivalent one (same ranking of submissions), what
    /// that means for the numbers: "Gini" is 2·AUC − 1, "mean squared error" the square of RMSE; null otherwise.
    /// </summary>
    public static string? SubstitutionNote(string phrase) =>
        Gini().IsMatch(phrase) ? "the normalized Gini coefficient equals 2·AUC − 1 and ranks submissions as ROC AUC does; scores are reported as ROC AUC"
        : Msle().IsMatch(phrase) && !Rmsle().IsMatch(phrase) ? "mean squared log error is the square of RMSLE (same ranking); scores are reported as RMSLE"
        : Mse().IsMatch(phrase) && !Rmse().IsMatch(phrase) ? "mean squared error is the square of RMSE (same ranking); scores are reported as RMSE"
        : null;

    /// <summary>
    /// A metric the description names that AgentML cannot score (Matthews correlation, Spearman, MAPE, Dice, IoU, ...):
    /// the phrase found in the evaluation section (else the whole text), or null. Used to warn when a default replaces it.
    /// </summary>
    public static string? UnsupportedMetric(string description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        return EvaluationSections(description).Append(description)
            .Select(text => Unsupported().Match(text))
            .FirstOrDefault(m => m.Success)?.Value.Trim();
    }

    private static (string Metric, string Phrase)? Find(string text)
    {
        var matches = new List<(int Start, int End, int Priority, string Metric, Match Match)>();
        for (var p = 0; p < Phrases.Length; p++)
        {
            foreach (Match m in Phrases[p].Pattern.Matches(text))
            {
                matches.Add((m.Index, m.Index + m.Length, p, Phrases[p].Metric, m));
            }
        }

        if (matches.Count == 0)
        {
            return null;
        }

        var first = matches.MinBy(m => (m.Start, m.Priority));
        var best = matches.Where(m => m.Start < first.End && first.Start < m.End).MinBy(m => m.Priority);
        var k = best.Match.Groups.Values.Skip(1).FirstOrDefault(g => g.Success)?.Value;
        var metric = best.Metric == MetricNames.MapAtK && k is not null && !k.Equals("k", StringComparison.OrdinalIgnoreCase) ? $"map@{k}" : best.Metric;
        return (metric, best.Match.Value.Trim());
    }

    /// <summary>The texts under headings that mention evaluation or metrics (first), then scoring, each up to the next heading.</summary>
    private static IEnumerable<string> EvaluationSections(string text)
    {
        var lines = text.Split('\n');
        var sections = new List<(int Rank, string Text)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var match = line.StartsWith('#') ? EvaluationHeading().Match(line) : Match.Empty;
            if (match.Success)
            {
                var end = i + 1;
                while (end < lines.Length && !lines[end].TrimStart().StartsWith('#'))
                {
                    end++;
                }

                var rank = match.Value.StartsWith("scor", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                sections.Add((rank, string.Join('\n', lines[(i + 1)..end])));
            }
        }

        return sections.OrderBy(s => s.Rank).Select(s => s.Text);
    }

    [GeneratedRegex(@"evaluat|metric|scor", RegexOptions.IgnoreCase)]
    private static partial Regex EvaluationHeading();

    [GeneratedRegex(@"\bmap\s*@\s*(\d+|k)\b|mean\s+average\s+precision\s*(?:@|at)\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MapAtK();

    [GeneratedRegex(@"quadratic(?:ally)?[\s-]+weighted\s+(?:cohen'?s\s+)?kappa|\bqwk\b|quadratic\s+(?:cohen'?s\s+)?kappa", RegexOptions.IgnoreCase)]
    private static partial Regex Qwk();

    [GeneratedRegex(@"balanced\s+accuracy", RegexOptions.IgnoreCase)]
    private static partial Regex BalancedAccuracy();

    [GeneratedRegex(@"macro[\s-]*(?:averaged?\s+)?f[\s-]?1|\bf[\s-]?1[\s-]*(?:score\s*)?\(?\s*macro", RegexOptions.IgnoreCase)]
    private static partial Regex MacroF1();

    [GeneratedRegex(@"micro[\s-]*(?:averaged?\s+)?f[\s-]?1|\bf[\s-]?1[\s-]*(?:score\s*)?\(?\s*micro", RegexOptions.IgnoreCase)]
    private static partial Regex MicroF1();

    [GeneratedRegex(@"root[\s-]+mean[\s-]+squared?[\s-]+log(?:arithmic)?[\s-]+error|\brmsle\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rmsle();

    [GeneratedRegex(@"(?:root[\s-]+mean[\s-]+squared?[\s-]+error|\brmse\b)\s+(?:between|of|on)\s+(?:the\s+)?(?:natural\s+)?log", RegexOptions.IgnoreCase)]
    private static partial Regex RmseOfLogs();

    [GeneratedRegex(@"area\s+under\s+(?:the\s+)?(?:roc|receiver[\s-]+operating|curve)|\broc[\s-]*auc\b|\bauc\b|\bauroc\b", RegexOptions.IgnoreCase)]
    private static partial Regex Auc();

    [GeneratedRegex(@"normali[sz]ed\s+gini|gini\s+(?:coefficient|index|score)|\bgini\b", RegexOptions.IgnoreCase)]
    private static partial Regex Gini();

    [GeneratedRegex(@"mean[\s-]+squared?[\s-]+log(?:arithmic)?[\s-]+error|\bmsle\b", RegexOptions.IgnoreCase)]
    private static partial Regex Msle();

    [GeneratedRegex(@"mean[\s-]+squared?[\s-]+error|\bmse\b", RegexOptions.IgnoreCase)]
    private static partial Regex Mse();

    [GeneratedRegex(@"log(?:arithmic)?[\s-]*loss|\blogloss\b|cross[\s-]*entropy|negative\s+log[\s-]*likelihood", RegexOptions.IgnoreCase)]
    private static partial Regex LogLoss();

    [GeneratedRegex(@"root[\s-]+mean[\s-]+squared?[\s-]+error|\brmse\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rmse();

    [GeneratedRegex(@"mean\s+absolute\s+error|\bmae\b", RegexOptions.IgnoreCase)]
    private static partial Regex Mae();

    [GeneratedRegex(@"coefficient\s+of\s+determination|\br2\b|\br²|\br\^2\b|\br[\s-]squared\b", RegexOptions.IgnoreCase)]
    private static partial Regex R2();

    [GeneratedRegex(@"\bf[\s-]?1\b|\bf[\s-]?score\b|\bf[\s-]measure\b", RegexOptions.IgnoreCase)]
    private static partial Regex F1();

    [GeneratedRegex(@"matthews\s+correlation(?:\s+coefficient)?|\bmcc\b|spearman(?:'s)?(?:\s+(?:rank\s+)?correlation)?|pearson(?:'s)?\s+correlation|"
        + @"\bs?mape\b|mean\s+absolute\s+percentage\s+error|dice\s+(?:coefficient|score)|\biou\b|intersection\s+over\s+union|jaccard|\bbleu\b|"
        + @"levenshtein|word\s+error\s+rate|average\s+precision|pinball\s+loss|continuous\s+ranked\s+probability|\bcrps\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unsupported();

    [GeneratedRegex(@"accuracy", RegexOptions.IgnoreCase)]
    private static partial Regex Accuracy();
}
