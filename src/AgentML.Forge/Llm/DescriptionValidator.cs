using System.Text.RegularExpressions;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Llm;

/// <summary>
/// Checks the model's parts of description.md one by one and writes the statement: the title is one short line,
/// the story is prose, the dictionary notes describe columns of the task, the evaluation names the task's metric,
/// the submission text names the id and target columns (and no other column of the data, in backticks) and, for probability formats, asks for
/// probabilities. A part that is missing or wrong is replaced by the builtin part, with a note. The builtin ask, the
/// split, the data facts and the submission example always come from the builtin writer.
/// </summary>
public sealed partial class DescriptionValidator(DescriptionWriter writer)
{
    public const int MaxTitleLength = 120;
    public const int MaxStoryLength = 4000;
    public const int MaxNoteLength = 300;

    /// <summary>The design with the model's title and a description built from its valid parts.</summary>
    public TaskDesign Apply(RawDataset data, TaskDesign design, DesignReply reply, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(notes);
        var candidate = design.Candidate;
        var submissionColumns = (IReadOnlyList<string>)[design.IdColumn, .. CompetitionFile.TargetColumns(candidate)];
        var title = Part("title", reply.Title, notes, t => t.Contains('\n', StringComparison.Ordinal) || t.Length > MaxTitleLength ? $"not one line of at most {MaxTitleLength} characters" : null);
        var parts = new DescriptionParts
        {
            Story = Part("story", reply.Story, notes, s => s.Length > MaxStoryLength ? $"longer than {MaxStoryLength} characters" : null),
            ColumnNotes = ColumnNotes(design, reply.Dictionary, notes),
            Evaluation = Part("evaluation", reply.Evaluation, notes, e => NamesMetric(e, candidate.Metric) ? null : $"it does not name the metric {candidate.Metric}"),
            SubmissionText = Part("submission format", reply.SubmissionFormat, notes, s => WhyNotSubmission(s, candidate, submissionColumns, data)),
        };
        var titled = design with { Title = title?.TrimStart('#', ' ') ?? design.Title };
        return titled with { Description = writer.Write(data, titled, parts) };
    }

    /// <summary>True when <paramref name="text"/> names <paramref name="metric"/>: its name, an alias, or its words ("log loss", "macro F1").</summary>
    public static bool NamesMetric(string text, string metric)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Word().Matches(text).Select(m => m.Value).ToArray();
        for (var n = 1; n <= 5; n++)
        {
            for (var i = 0; i + n <= words.Length; i++)
            {
                if (MetricRegistry.Canonical(string.Join('_', words[i..(i + n)])) == metric)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> holds <paramref name="name"/> as a whole word.</summary>
    public static bool Mentions(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        var at = 0;
        while ((at = text.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + name.Length;
            if ((at == 0 || !IsNameChar(text[at - 1])) && (end == text.Length || !IsNameChar(text[end])))
            {
                return true;
            }

            at = end;
        }

        return false;
    }

    private static string? WhyNotSubmission(string text, TaskCandidate candidate, IReadOnlyList<string> columns, RawDataset data)
    {
        var missing = columns.Where(c => !Mentions(text, c)).ToArray();
        if (missing.Length > 0)
        {
            return $"it does not name the submission column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}";
        }

        var foreign = Quoted().Matches(text).Select(m => m.Groups[1].Value).Where(q => !columns.Contains(q) && data.Profile.Column(q) is not null).Distinct().ToArray();
        if (foreign.Length > 0)
        {
            return $"it names columns the submission does not have: {string.Join(", ", foreign)} (expected {string.Join(", ", columns)})";
        }

        var probabilities = candidate.SubmissionFormat is SubmissionFormat.Probability or SubmissionFormat.ClassProbabilities;
        return probabilities && !text.Contains("probabilit", StringComparison.OrdinalIgnoreCase) ? "it does not ask for probabilities" : null;
    }

    private static IReadOnlyDictionary<string, string> ColumnNotes(TaskDesign design, IReadOnlyList<ColumnNoteIdea>? ideas, List<string> notes)
    {
        var columns = design.Features.Append(design.Candidate.Target).ToHashSet(StringComparer.Ordinal);
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var idea in ideas ?? [])
        {
            var name = idea.Column.Trim();
            var text = Clean(idea.Description);
            if (!columns.Contains(name))
            {
                if (!design.Dropped.Any(d => d.Name == name))
                {
                    unknown.Add(name);
                }
            }
            else if (text.Length > 0 && text.Length <= MaxNoteLength && Unsafe(text) is null && !text.Contains('\n', StringComparison.Ordinal))
            {
                kept.TryAdd(name, text);
            }
        }

        if (unknown.Count > 0)
        {
            notes.Add($"data dictionary entries ignored (not columns of the task): {string.Join(", ", unknown.Select(u => $"'{u}'"))}");
        }

        var without = columns.Where(c => !kept.ContainsKey(c)).ToArray();
        if (without.Length > 0)
        {
            notes.Add($"data dictionary: builtin entries only for {string.Join(", ", without)} (no usable description from the model)");
        }

        return kept;
    }

    /// <summary>The cleaned part, or null (builtin part) when it is empty or <paramref name="check"/> finds it wrong.</summary>
    private static string? Part(string name, string? text, List<string> notes, Func<string, string?> check)
    {
        var clean = Clean(text);
        var why = clean.Length == 0 ? "missing" : Unsafe(clean) ?? check(clean);
        if (why is null)
        {
            return clean;
        }

        notes.Add($"{name} {(why == "missing" ? "missing" : $"rejected ({why})")}; used the builtin {name}");
        return null;
    }

    private static string? Unsafe(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("```", StringComparison.Ordinal) ? "it holds template braces or a code fence" : null;

    private static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    [GeneratedRegex(@"[A-Za-z0-9@]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Quoted();
}
