using AgentML.Core.Runs;
using System.Globalization;
using System.Text;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using AgentML.Core.Profiling;

namespace AgentML.Agents.Llm.Prompts;

/// <summary>
/// Turns the task, the data profile, the tree and nodes into template variables. Only data is formatted here
/// (compact "name: value" lines); every sentence addressed to the model lives in prompts/llm.
/// </summary>
public sealed class PromptVariables
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly LlmSettings _settings;

    private PromptVariables(LlmSettings settings) => _settings = settings;

    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>No variables yet (for prompts that are not about a solve task, e.g. the forge prompts).</summary>
    public static PromptVariables Empty(LlmSettings settings) => new(settings);

    /// <summary>The task variables every prompt may use, plus the tree summary.</summary>
    public static PromptVariables ForTask(TaskContext context, TreeSummary tree, LlmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tree);
        var task = context.Task;
        var v = new PromptVariables(settings);
        v.Set("task_name", task.Name);
        v.Set("task_description", Truncate(task.Description.Trim(), 8000));
        v.Set("task_type", task.TaskType.ToString());
        v.Set("metric", task.Metric);
        v.Set("metric_direction", context.HigherIsBetter ? "higher is better" : "lower is better");
        v.Set("id_column", task.IdColumn);
        v.Set("target_columns", string.Join(", ", task.TargetColumns.Select((c, i) => task.ClassOfTarget(i) is var label && label != c ? $"{c} (probability of class {label})" : c)));
        v.Set("train_target_columns", string.Join(", ", task.TrainTargetColumns));
        v.Set("submission_format", task.SubmissionFormat.ToString());
        v.Set("class_labels", task.ClassLabels.Count == 0 ? "-" : string.Join(", ", task.ClassLabels));
        v.Set("positive_label", task.PositiveLabel ?? "-");
        v.Set("train_rows", context.Profile.TrainRows.ToString(CultureInfo.InvariantCulture));
        v.Set("test_rows", context.Profile.TestRows.ToString(CultureInfo.InvariantCulture));
        v.Set("input_files", InputFiles(task.PublicDirectory) + string.Concat(task.FileColumns.Select(c => $"; {c.Describe()} (paths relative to input/)"))
            + (task.TestFromSampleSubmission ? $"; no test table in the task: input/test.csv lists the sample submission's ids, whose files are in {task.TestFolder}/" : ""));
        v.Set("data_profile", Profile(context.Profile));
        v.Set("time_limit_seconds", ((int)context.ProgramTimeLimit.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        v.Set("seed", context.Seed.ToString(CultureInfo.InvariantCulture));
        v.Set("tree_summary", Tree(tree, settings.TreeNodesShown));
        return v;
    }

    public PromptVariables Set(string name, object? value)
    {
        _values[name] = value;
        return this;
    }

    /// <summary>Adds a node's plan, code, score, output (head and tail) and error under <c>{prefix}_...</c>.</summary>
    public PromptVariables AddNode(string prefix, SolutionView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Set($"{prefix}_id", node.NodeId);
        Set($"{prefix}_operator", node.Operator.ToText());
        Set($"{prefix}_plan", string.IsNullOrWhiteSpace(node.Plan) ? "-" : node.Plan.Trim());
        Set($"{prefix}_code", node.Code.TrimEnd());
        Set($"{prefix}_status", node.Status.ToText());
        Set($"{prefix}_score", Score(node.Score));
        Set($"{prefix}_output", HeadTail(node.Output ?? "", _settings.OutputChars));
        Set($"{prefix}_error", string.IsNullOrWhiteSpace(node.Error) ? "-" : HeadTail(node.Error, _settings.OutputChars / 3));
        Set($"{prefix}_early_metrics", node.EarlyMetrics.Count == 0 ? "-" : string.Join(", ", node.EarlyMetrics.Select(Score)));
        Set($"{prefix}_duration_seconds", node.Duration is { } d ? d.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) : "-");
        return this;
    }

    /// <summary>Keeps the first and last <paramref name="maxChars"/>/2 characters, marking the cut.</summary>
    public static string HeadTail(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length <= maxChars)
        {
            return trimmed.Length == 0 ? "-" : trimmed;
        }

        var half = Math.Max(1, maxChars / 2);
        return $"{trimmed[..half]}\n[... {trimmed.Length - (2 * half)} characters cut ...]\n{trimmed[^half..]}";
    }

    public static string Profile(DataProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"rows: train {profile.TrainRows}, test {profile.TestRows}\n");
        foreach (var c in profile.Columns)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {c.Name}: {c.Kind.ToString().ToLowerInvariant()}, missing {c.MissingShare:P1}, distinct {c.Cardinality}");
            if (c.Numeric is { } n)
            {
                sb.Append(CultureInfo.InvariantCulture, $", min {n.Min:G4}, max {n.Max:G4}, mean {n.Mean:G4}, std {n.Std:G4}, skew {n.Skewness:0.00}");
            }
            else if (c.TopValues.Count > 0)
            {
                sb.Append(", top ").AppendJoin(", ", c.TopValues.Take(5).Select(t => $"{Truncate(t.Key, 40)} ({t.Value})"));
            }

            if (c.Kind == ColumnKind.Text)
            {
                sb.Append(CultureInfo.InvariantCulture, $", mean length {c.MeanLength:0}");
            }

            sb.Append('\n');
        }

        if (profile.ClassCounts.Count > 0)
        {
            sb.Append("class counts: ").AppendJoin(", ", profile.ClassCounts.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}")).Append('\n');
        }

        return sb.ToString().TrimEnd();
    }

    public static string Tree(TreeSummary tree, int shown)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"nodes: {tree.NodeCount}\n");
        sb.Append("best:\n");
        AppendNodes(sb, tree.Best.Take(shown), n => $"score {Score(n.Score)}, plan: {OneLine(n.Plan, 500)}");
        sb.Append("recent failures:\n");
        AppendNodes(sb, tree.RecentFailures.Take(shown), n => $"plan: {OneLine(n.Plan, 200)}; error: {OneLine(n.Error ?? n.Status.ToText(), 300)}");
        return sb.ToString().TrimEnd();
    }

    private static void AppendNodes(StringBuilder sb, IEnumerable<SolutionView> nodes, Func<SolutionView, string> describe)
    {
        var any = false;
        foreach (var n in nodes)
        {
            any = true;
            sb.Append(CultureInfo.InvariantCulture, $"- [{n.NodeId} {n.Operator.ToText()}] {describe(n)}\n");
        }

        if (!any)
        {
            sb.Append("- none\n");
        }
    }

    private static string InputFiles(string directory) =>
        System.IO.Directory.Exists(directory)
            ? string.Join(", ", System.IO.Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            : "train.csv, test.csv, sample_submission.csv";

    private static string Score(double? score) => score is { } s ? s.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string Score(double score) => score.ToString("G6", CultureInfo.InvariantCulture);

    private static string OneLine(string text, int max) => Truncate(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), max);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
