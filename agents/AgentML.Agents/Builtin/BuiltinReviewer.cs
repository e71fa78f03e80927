using AgentML.Core.Runs;
using System.Globalization;
using System.Text.Json;
using AgentML.Agents.Roles;
using AgentML.Core.Metrics;

namespace AgentML.Agents.Builtin;

/// <summary>Reads an execution's output: did it fail, what did cross-validation say, and is anything suspicious.</summary>
public sealed class BuiltinReviewer : IReviewer
{
    private const string MetricPrefix = "AGENTML_METRIC ";

    public Task<Review> ReviewAsync(TaskContext context, SolutionView node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        var output = node.Output ?? "";
        var folds = node.EarlyMetrics.Count > 0 ? node.EarlyMetrics : ParseMetrics(output);
        var exception = FailureClassifier.LastException(output);
        var buggy = node.Status == NodeStatus.Buggy || exception is not null || !string.IsNullOrEmpty(node.Error) ||
                    (node.Status == NodeStatus.Ok && node.Score is null);
        var concerns = new List<string>();
        var metric = context.Task.Metric;
        if (folds.Count > 0)
        {
            var mean = folds.Average();
            var std = Math.Sqrt(folds.Average(v => (v - mean) * (v - mean)));
            if (IsSuspiciouslyPerfect(metric, mean))
            {
                concerns.Add($"Cross-validated {metric} of {mean:G6} is suspiciously perfect: check for target leakage (a feature derived from the target, or ids that encode it).");
            }

            if (folds.Count >= 3 && Math.Abs(mean) > 1e-12 && std > 0.1 * Math.Abs(mean))
            {
                concerns.Add($"The folds disagree a lot ({metric} mean {mean:G5}, std {std:G3}): the estimate is noisy; prefer more folds or averaging.");
            }

            if (node.Score is { } score && Math.Abs(mean) > 1e-12 && Math.Abs(score - mean) > 0.25 * Math.Abs(mean))
            {
                concerns.Add($"The held-out score {score:G5} differs from the cross-validated {mean:G5}: possible overfitting or a train/test shift.");
            }
        }

        if (output.Contains("stopping after", StringComparison.Ordinal))
        {
            concerns.Add("The program stopped cross-validation early to stay inside the time limit; fewer models were averaged.");
        }

        var summary = buggy
            ? $"Failed ({FailureClassifier.Classify(output, node.Error)}): {exception ?? node.Error ?? "no submission or score"}."
            : folds.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Ran {folds.Count} folds: mean {metric} {folds.Average():G6} (range {folds.Min():G5}..{folds.Max():G5}); held-out score {node.Score?.ToString("G6", CultureInfo.InvariantCulture) ?? "n/a"}.")
                : $"Ran without printing fold metrics; held-out score {node.Score?.ToString("G6", CultureInfo.InvariantCulture) ?? "n/a"}.";
        return Task.FromResult(new Review(buggy, summary, concerns, Usage.None));
    }

    /// <summary>The values of AGENTML_METRIC lines in an output.</summary>
    public static IReadOnlyList<double> ParseMetrics(string output)
    {
        var values = new List<double>();
        foreach (var line in (output ?? "").Split('\n'))
        {
            var at = line.IndexOf(MetricPrefix, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line[(at + MetricPrefix.Length)..]);
                if (doc.RootElement.TryGetProperty("value", out var value) && value.TryGetDouble(out var v))
                {
                    values.Add(v);
                }
            }
            catch (JsonException)
            {
                // A truncated line in the output head/tail: skip it.
            }
        }

        return values;
    }

    private static bool IsSuspiciouslyPerfect(string metric, double value) => metric switch
    {
        MetricNames.LogLoss => value < 1e-4,
        MetricNames.Rmse or MetricNames.Rmsle or MetricNames.Mae => value < 1e-9,
        _ => value >= 0.99999,
    };
}
