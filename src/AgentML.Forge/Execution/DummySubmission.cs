using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Execution;

/// <summary>
/// The dummy baseline a task must clearly beat: a constant prediction learnt from the train labels alone (class
/// priors, the majority class, the mean, the median for MAE, the geometric-style mean for RMSLE).
/// </summary>
public static class DummySubmission
{
    public static void Write(TaskDesign design, string trainPath, string testPath, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(design);
        var train = CsvTable.Read(trainPath);
        var test = CsvTable.Read(testPath);
        var candidate = design.Candidate;
        var targetIndex = train.ColumnIndex(candidate.Target);
        var labels = train.Rows.Select(r => r[targetIndex]).ToArray();
        var row = Prediction(candidate, labels);
        var idIndex = test.ColumnIndex(design.IdColumn);
        var table = new CsvTable([design.IdColumn, .. CompetitionFile.TargetColumns(candidate)],
            test.Rows.Select(r => (string[])[r[idIndex], .. row]).ToArray());
        table.Write(outputPath);
    }

    private static string[] Prediction(TaskCandidate candidate, string[] labels)
    {
        switch (candidate.SubmissionFormat)
        {
            case SubmissionFormat.Probability:
                return [Text((double)labels.Count(l => l == "1") / labels.Length)];
            case SubmissionFormat.ClassProbabilities:
                return candidate.Classes.Select(c => Text((double)labels.Count(l => l == c) / labels.Length)).ToArray();
            case SubmissionFormat.Label:
                return [labels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key];
            default:
                var values = labels.Select(l => ColumnData.TryParseNumber(l, out var x) ? x : double.NaN).Where(v => !double.IsNaN(v)).ToArray();
                var constant = candidate.Metric switch
                {
                    MetricNames.Rmsle => Math.Exp(values.Average(v => Math.Log(1 + Math.Max(0, v)))) - 1,
                    MetricNames.Mae => Stats.Median(values),
                    _ => values.Average(),
                };
                return [Text(constant)];
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
