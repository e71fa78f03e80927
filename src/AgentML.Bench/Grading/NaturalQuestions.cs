using System.Globalization;
using System.Numerics;
using System.Text.Json;
using AgentML.Core.Data;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>
/// tensorflow2-question-answering as mlebench/competitions/tensorflow2-question-answering/grade.py grades it: the answers
/// are JSON lines of annotated Natural Questions examples (read_jsonl), turned here into the table a submission is
/// matched against (one <c>&lt;example_id&gt;_long</c> and one <c>_short</c> row per example, with its valid answers), and
/// each prediction is right or wrong as prepare_for_metric decides.
/// </summary>
internal static class NaturalQuestions
{
    /// <summary>
    /// The answers as the submission's table: the id column and the target column holding each row's valid answers
    /// ("start:end" spans, YES or NO) separated by spaces, empty when there is none. Only annotations[0] counts: the long
    /// answer when its start_token is not -1; the short answers and yes_no_answer unless it is "NONE".
    /// </summary>
    public static PandasTable ReadAnswers(string path, string idColumn, string targetColumn)
    {
        var rows = new List<string[]>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            try
            {
                using var json = JsonDocument.Parse(text);
                var example = json.RootElement;
                var id = example.GetProperty("example_id") is { ValueKind: JsonValueKind.String } s ? s.GetString()! : example.GetProperty("example_id").GetRawText();
                var annotation = example.GetProperty("annotations")[0];
                var longAnswer = annotation.GetProperty("long_answer");
                var valid = longAnswer.GetProperty("start_token").GetInt64() != -1 ? Span(longAnswer) : "";
                var shorts = annotation.GetProperty("short_answers").EnumerateArray().Select(Span).ToList();
                if (annotation.GetProperty("yes_no_answer").GetString() is { } yesNo and not "NONE")
                {
                    shorts.Add(yesNo);
                }

                rows.Add([id + "_long", valid]);
                rows.Add([id + "_short", string.Join(' ', shorts)]);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new UserFacingException($"{path}, line {line}: not a Natural Questions example with annotations ({ex.Message})");
            }
        }

        return PandasTable.From(new CsvTable([idColumn, targetColumn], rows) { SourcePath = path });
    }

    /// <summary>
    /// f1_score(y_true, y_pred, average="micro") of grade.py's 0/1 lists: y_pred is whether a row has a prediction, y_true
    /// whether that prediction is valid (or, for an empty one, whether a valid answer exists). Micro F1 over both labels
    /// is the share of rows where the two agree: a valid prediction, or none where there is nothing to find.
    /// </summary>
    public static double MicroF1(PandasColumn predicted, PandasColumn truth)
    {
        if (truth.Length == 0)
        {
            throw new MetricUndefinedException("no rows to score");
        }

        var agree = 0;
        for (var r = 0; r < truth.Length; r++)
        {
            var prediction = Prediction(predicted, r);
            var valid = (truth.Kind == PandasKind.Text ? truth.Texts[r] ?? "" : "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            agree += (prediction.Length > 0 ? valid.Contains(prediction, StringComparer.Ordinal) : valid.Length == 0) ? 1 : 0;
        }

        return (double)agree / truth.Length;
    }

    // fillna("").astype(str), then .strip(): "start:end" (two parts, each a Python int: int() raises on anything else),
    // YES, NO or empty; any other value is an InvalidSubmissionError. A value pandas reads as a number is never one.
    private static string Prediction(PandasColumn column, int row)
    {
        if (column.Kind == PandasKind.Number)
        {
            return double.IsNaN(column.Numbers[row])
                ? ""
                : throw new MleBenchRuleGrader.Rejected($"invalid prediction '{column.AsText().Texts[row]}' on line {row + 2} (expected start:end, YES, NO or empty)");
        }

        var text = Strip(column.Texts[row] ?? "");
        var parts = text.Split(':');
        if (parts.Length == 2)
        {
            return PythonInt(parts[0]) is { } start && PythonInt(parts[1]) is { } end
                ? string.Create(CultureInfo.InvariantCulture, $"{start}:{end}")
                : throw new MleBenchRuleGrader.Rejected($"invalid span '{text}' on line {row + 2}: int() cannot read its token numbers");
        }

        return text is "YES" or "NO" or ""
            ? text
            : throw new MleBenchRuleGrader.Rejected($"invalid prediction '{text}' on line {row + 2} (expected start:end, YES, NO or empty)");
    }

    private static string Span(JsonElement answer) =>
        string.Create(CultureInfo.InvariantCulture, $"{answer.GetProperty("start_token").GetInt64()}:{answer.GetProperty("end_token").GetInt64()}");

    // Python's int(str): surrounding whitespace, a sign, decimal digits (any script) with single underscores between them.
    private static BigInteger? PythonInt(string text)
    {
        var s = Strip(text);
        var negative = s.StartsWith('-');
        s = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
        {
            return null;
        }

        BigInteger value = 0;
        foreach (var c in s.Where(c => c != '_'))
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit < 0)
            {
                return null;
            }

            value = (value * 10) + digit;
        }

        return negative ? -value : value;
    }

    // Python's str.strip(): str.isspace characters, which include \x1c-\x1f.
    private static string Strip(string text) => text.Trim().Trim('\x1c', '\x1d', '\x1e', '\x1f').Trim();
}
