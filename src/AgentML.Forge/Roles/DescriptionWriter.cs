using System.Globalization;
using System.Text;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>Writes description.md from the template and phrases in prompts/forge: story, data dictionary, evaluation, submission format.</summary>
public sealed class DescriptionWriter
{
    private readonly ForgeKnowledge _knowledge;

    public DescriptionWriter(ForgeKnowledge knowledge) => _knowledge = knowledge;

    /// <summary>The statement; {{train_rows}} and {{test_rows}} stay as placeholders until the split is made (<see cref="WithRowCounts"/>).</summary>
    public string Write(RawDataset data, TaskDesign design) => Write(data, design, DescriptionParts.Builtin);

    /// <summary>The statement with <paramref name="parts"/> in place of the builtin story, column notes, evaluation and submission text.</summary>
    public string Write(RawDataset data, TaskDesign design, DescriptionParts parts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(parts);
        var candidate = design.Candidate;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = design.Title,
            ["story"] = parts.Story ?? Story(data),
            ["ask"] = Fill(_knowledge.Stories.GetValueOrDefault(StoryKey(candidate), "Predict {target}."), candidate),
            ["target"] = candidate.Target,
            ["id_column"] = design.IdColumn,
            ["split"] = SplitText(design),
            ["dictionary"] = Dictionary(data, design, parts.ColumnNotes, _knowledge.Units),
            ["evaluation"] = parts.Evaluation ?? BuiltinEvaluation(candidate),
            ["submission_text"] = parts.SubmissionText ?? _knowledge.SubmissionText,
            ["submission_example"] = SubmissionExample(design),
        };
        var text = _knowledge.DescriptionTemplate;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        return text.TrimEnd() + "\n";
    }

    public static string WithRowCounts(string description, int trainRows, int testRows)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description
            .Replace("{{train_rows}}", trainRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{test_rows}}", testRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>The builtin evaluation paragraph: the knowledge's phrase for the metric, filled with the target and classes.</summary>
    public string BuiltinEvaluation(TaskCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Fill(MetricText(candidate), candidate);
    }

    /// <summary>The background paragraph, from the data alone: size, and the columns by kind (measurements, categories, group codes, times, text).</summary>
    private static string Story(RawDataset data)
    {
        var file = Path.GetFileName(data.SourcePath);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"The data come from `{file}`: {data.Table.Rows.Count} rows and {data.Table.Columns.Count} columns.");
        var columns = data.Profile.Columns;
        string[] Names(Func<ColumnProfile, bool> which) => columns.Where(which).Select(c => c.Name).ToArray();
        var groups = data.GroupColumns.Concat(data.Codes).Distinct(StringComparer.Ordinal).ToArray();
        var parts = new List<string>();
        void Add(string what, string[] names)
        {
            if (names.Length > 0)
            {
                parts.Add($"{what} ({string.Join(", ", names.Take(8))}{(names.Length > 8 ? $" and {names.Length - 8} more" : "")})");
            }
        }

        Add("measurements", Names(c => c.Kind == ColumnKind.Numeric));
        Add("categories", Names(c => c.Kind == ColumnKind.Categorical && !groups.Contains(c.Name)));
        Add("codes that name groups, whose rows belong together", groups);
        Add("dates and times", Names(c => c.Kind == ColumnKind.Datetime));
        Add("free text", Names(c => c.Kind == ColumnKind.Text));
        Add("identifiers", Names(c => c.Kind == ColumnKind.IdLike));
        if (parts.Count > 0)
        {
            text.Append(" It holds ").AppendJoin("; ", parts).Append('.');
        }

        return text.ToString();
    }

    /// <summary>The phrase for "metric_format" (e.g. log_loss_probability) if the knowledge has one, else for the metric.</summary>
    private string MetricText(TaskCandidate candidate)
    {
        var specific = $"{candidate.Metric}_{candidate.SubmissionFormat.ToString().ToLowerInvariant()}";
        return _knowledge.Metrics.GetValueOrDefault(specific)
            ?? _knowledge.Metrics.GetValueOrDefault(candidate.Metric, "Submissions are evaluated with the metric " + candidate.Metric + ".");
    }

    private static string StoryKey(TaskCandidate candidate) =>
        candidate.SubmissionFormat == SubmissionFormat.Probability ? "BinaryProbability" : candidate.TaskType.ToString();

    private static string Fill(string template, TaskCandidate candidate)
    {
        var classes = candidate.Classes;
        return template
            .Replace("{target}", candidate.Target, StringComparison.Ordinal)
            .Replace("{positive}", candidate.PositiveLabel is null ? "the positive class" : $"'{candidate.PositiveLabel}'", StringComparison.Ordinal)
            .Replace("{classes}", string.Join(", ", classes), StringComparison.Ordinal)
            .Replace("{class_count}", classes.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{class_list}", string.Join(", ", classes.Take(12)) + (classes.Count > 12 ? ", ..." : ""), StringComparison.Ordinal);
    }

    private static string SplitText(TaskDesign design)
    {
        var text = design.Split.Kind switch
        {
            _ when design.Split.KnownGroup is { } group => KnownGroupsText(design.Split, group),
            SplitKind.Time => $"The test rows are the most recent ones by `{design.Split.Column}`: train on the past, predict the future.",
            SplitKind.Group => $"Rows that share a `{design.Split.Column}` are all in train or all in test" + (design.Features.Contains(design.Split.Column!) ? "." : " (that column itself is not given)."),
            _ => "The rows were split at random between train and test.",
        };
        if (design.Candidate.SubmissionFormat == SubmissionFormat.Probability)
        {
            text += $" In train.csv, `{design.Candidate.Target}` is 1 for '{design.Candidate.PositiveLabel}' and 0 otherwise.";
        }

        return design.RowFilters.Count == 0 ? text : text + " Rows left out of the task: " + string.Join("; ", design.RowFilters) + ".";
    }

    /// <summary>The known-groups formulation in words: what is predicted, and why the task is not posed for unseen groups.</summary>
    private static string KnownGroupsText(SplitPlan split, string group)
    {
        var what = split.Kind == SplitKind.Time
            ? $"The test rows are the most recent ones by `{split.Column}`, and rows of the same `{group}` appear in both train and test: predict the later measurements of known `{group}` groups."
            : $"The rows were split at random, so rows of the same `{group}` appear in both train and test: predict further rows of known `{group}` groups.";
        return split.Reason.Length == 0 ? what : $"{what} {char.ToUpperInvariant(split.Reason[0])}{split.Reason[1..]}.";
    }

    private static string Dictionary(RawDataset data, TaskDesign design, IReadOnlyDictionary<string, string> notes, IReadOnlyDictionary<string, string> units)
    {
        string Describe(ColumnProfile column) => DescriptionWriter.Describe(column, units);
        string Note(string column) => notes.TryGetValue(column, out var note) ? note.Trim().TrimEnd('.') + "; " : "";
        var target = design.Candidate.Target;
        var lines = new StringBuilder();
        lines.Append(CultureInfo.InvariantCulture, $"- `{design.IdColumn}`: row identifier.\n");
        lines.Append(CultureInfo.InvariantCulture, $"- `{target}` (train only): the target; {Note(target)}{Describe(data.ColumnProfile(target))}.\n");
        foreach (var name in design.Features)
        {
            lines.Append(CultureInfo.InvariantCulture, $"- `{name}`: {Note(name)}{Describe(data.ColumnProfile(name))}.\n");
        }

        return lines.ToString().TrimEnd();
    }

    private static string Describe(ColumnProfile column, IReadOnlyDictionary<string, string> units)
    {
        var unit = ForgeKnowledge.Words(column.Name) is [.., var last] && units.TryGetValue(last, out var word) ? $" {word}" : "";
        var missing = column.MissingShare switch
        {
            <= 0 => "",
            < 0.01 => ", under 1% missing",
            _ => $", {Percent.Of(column.MissingShare, 0)} missing",
        };
        return column.Kind switch
        {
            ColumnKind.Numeric when column.Numeric is { } n =>
                $"numeric, {Number(n.Min)} to {Number(n.Max)}{unit} (median {Number(n.Median)}){missing}",
            ColumnKind.Text => $"free text, about {column.MeanLength:F0} characters{missing}",
            ColumnKind.Datetime => $"date/time{missing}",
            _ => $"categorical, {column.Cardinality} values such as {string.Join(", ", column.TopValues.Take(4).Select(kv => kv.Key))}{missing}",
        };
    }

    private static string Number(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string SubmissionExample(TaskDesign design)
    {
        var c = design.Candidate;
        var (header, row) = c.SubmissionFormat switch
        {
            SubmissionFormat.Probability => (c.Target, "0.5"),
            SubmissionFormat.ClassProbabilities => (string.Join(",", c.Classes), string.Join(",", c.Classes.Select(_ => (1.0 / c.Classes.Count).ToString("0.###", CultureInfo.InvariantCulture)))),
            SubmissionFormat.Label => (c.Target, c.Classes.FirstOrDefault() ?? "0"),
            _ => (c.Target, "0.0"),
        };
        return $"{design.IdColumn},{header}\n1,{row}\n2,{row}\n...";
    }
}

/// <summary>Text that replaces builtin parts of description.md (null or absent: the builtin part).</summary>
public sealed record DescriptionParts
{
    public static DescriptionParts Builtin { get; } = new();

    /// <summary>The background paragraph (the builtin "Predict ..." sentence still follows it).</summary>
    public string? Story { get; init; }

    /// <summary>What a column means, by column name; the data dictionary adds the column's kind and range.</summary>
    public IReadOnlyDictionary<string, string> ColumnNotes { get; init; } = new Dictionary<string, string>();

    /// <summary>The evaluation paragraph (names the metric).</summary>
    public string? Evaluation { get; init; }

    /// <summary>The text above the submission example (names the id and target columns).</summary>
    public string? SubmissionText { get; init; }
}
