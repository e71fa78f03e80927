using System.Text.Json;
using AgentML.Core.Metrics;
using AgentML.Testing;

namespace AgentML.Core.Tests.Metrics;

/// <summary>One scikit-learn reference case of Reference/metric_reference.json (written by scripts/metric_reference.py).</summary>
internal sealed record ReferenceCase(string Name, string Metric, string Kind, JsonElement Expected, JsonElement Data)
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceCase>> All = new(Load);

    public static string FilePath => Path.Combine(TestPaths.RepoRoot, "tests", "AgentML.Core.Tests", "Reference", "metric_reference.json");

    public static IReadOnlyDictionary<string, ReferenceCase> Cases => All.Value;

    public bool ExpectsError => Expected.ValueKind == JsonValueKind.String && Expected.GetString() == "error";

    public double ExpectedValue => Expected.ValueKind == JsonValueKind.String ? double.NaN : Expected.GetDouble();

    public IMetric CreateMetric() =>
        Data.TryGetProperty("epsilon", out var eps) ? MetricRegistry.LogLoss(eps.GetDouble()) : MetricRegistry.Get(Metric);

    public MetricInput Input() => Kind switch
    {
        "labels" => MetricInput.Labels(Strings("answers"), Strings("predictions"), PositiveLabel),
        "scores" => MetricInput.Scores(Strings("answers"), Doubles("predictions"), PositiveLabel),
        "values" => MetricInput.Values(Doubles("answers"), Doubles("predictions")),
        "class_probabilities" => MetricInput.ClassProbabilities(Strings("classes"), Strings("answers"), Rows("probabilities")),
        "multilabel" => MetricInput.MultiLabelScores(Strings("columns"), Rows("answers"), Rows("scores")),
        "value_columns" => ValueColumns(),
        "rankings" => MetricInput.Rankings(Strings("answers"), Strings("predictions")),
        _ => throw new InvalidOperationException($"unknown kind {Kind}"),
    };

    private string? PositiveLabel => Data.TryGetProperty("positive_label", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private MetricInput ValueColumns()
    {
        var columns = Strings("columns");
        var answers = Rows("answers");
        var predictions = Rows("predictions");
        return new MetricInput
        {
            Columns = columns,
            Answers = columns.Select((_, c) => answers.Select(r => NumberParsing.Format(r[c])).ToArray()).ToArray(),
            Predictions = columns.Select((_, c) => predictions.Select(r => NumberParsing.Format(r[c])).ToArray()).ToArray(),
        };
    }

    private string[] Strings(string name) => Data.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private double[] Doubles(string name) => Data.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private double[][] Rows(string name) =>
        Data.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    private static Dictionary<string, ReferenceCase> Load()
    {
        using var stream = File.OpenRead(FilePath);
        using var doc = JsonDocument.Parse(stream);
        var cases = new Dictionary<string, ReferenceCase>(StringComparer.Ordinal);
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var clone = c.Clone();
            cases.Add(
                clone.GetProperty("name").GetString()!,
                new ReferenceCase(clone.GetProperty("name").GetString()!, clone.GetProperty("metric").GetString()!, clone.GetProperty("kind").GetString()!,
                    clone.GetProperty("expected"), clone));
        }

        return cases;
    }
}
