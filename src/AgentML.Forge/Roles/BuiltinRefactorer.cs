using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Roles;

/// <summary>
/// The builtin refactorer: shuffles rows with the seed, assigns fresh ids in that order (so ids carry no
/// information), splits, and writes public/ (train, test, sample submission, description), private/answers.csv,
/// description.md and competition.yaml. The same seed gives byte-identical folders.
/// </summary>
public sealed class BuiltinRefactorer : IRefactorer
{
    public Task<ForgedTask> WriteAsync(RawDataset data, TaskDesign design, string folder, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(design);
        var candidate = design.Candidate;
        var target = data.Column(candidate.Target);
        var kept = candidate.Classes.ToHashSet(StringComparer.Ordinal);
        var rows = Enumerable.Range(0, target.Count).Where(i => !target.Missing[i] && (kept.Count == 0 || kept.Contains(target.Values[i]))).ToList();
        var random = new SplitMix(seed, design.TaskId);
        random.Shuffle(rows);
        var ids = new Dictionary<int, int>();
        for (var k = 0; k < rows.Count; k++)
        {
            ids[rows[k]] = k + 1;
        }

        var splitColumn = design.Split.Column is null ? null : data.Column(design.Split.Column);
        var test = TaskSplitter.TestRows(design.Split, rows, i => target.Values[i], splitColumn, random);
        var trainRows = rows.Where(r => !test.Contains(r)).ToArray();
        var testRows = rows.Where(test.Contains).ToArray();
        cancellationToken.ThrowIfCancellationRequested();

        var publicDir = Path.Combine(folder, "public");
        var privateDir = Path.Combine(folder, "private");
        Directory.CreateDirectory(publicDir);
        Directory.CreateDirectory(privateDir);
        var features = design.Features.Select(data.Column).ToArray();
        var id = (int r) => ids[r].ToString(CultureInfo.InvariantCulture);

        Table([design.IdColumn, candidate.Target, .. design.Features], trainRows,
            r => [id(r), TrainLabel(candidate, target.Values[r]), .. features.Select(f => f.Values[r])]).Write(Path.Combine(publicDir, "train.csv"));
        Table([design.IdColumn, .. design.Features], testRows,
            r => [id(r), .. features.Select(f => f.Values[r])]).Write(Path.Combine(publicDir, "test.csv"));
        var targetColumns = CompetitionFile.TargetColumns(candidate);
        Table([design.IdColumn, .. targetColumns], testRows,
            r => [id(r), .. Answer(candidate, target.Values[r])]).Write(Path.Combine(privateDir, "answers.csv"));
        var dummy = DummyRow(candidate, trainRows.Select(r => target.Values[r]).ToArray());
        Table([design.IdColumn, .. targetColumns], testRows, r => [id(r), .. dummy]).Write(Path.Combine(publicDir, "sample_submission.csv"));

        var description = DescriptionWriter.WithRowCounts(design.Description, trainRows.Length, testRows.Length);
        File.WriteAllText(Path.Combine(folder, "description.md"), description);
        File.WriteAllText(Path.Combine(publicDir, "description.md"), description);
        var forged = new ForgedTask(design with { Description = description }, folder, trainRows.Length, testRows.Length)
        {
            GroupsOnBothSides = design.Split.Kind == SplitKind.Group && splitColumn is not null ? SharedGroups(splitColumn, trainRows, testRows) : null,
        };
        CompetitionFile.Write(forged, data.SourcePath, seed);
        return Task.FromResult(forged);
    }

    /// <summary>The number of group values (rows without a group are their own group) with rows on both sides.</summary>
    private static int SharedGroups(ColumnData groups, int[] trainRows, int[] testRows)
    {
        var train = trainRows.Where(r => !groups.Missing[r]).Select(r => groups.Values[r]).ToHashSet(StringComparer.Ordinal);
        return testRows.Where(r => !groups.Missing[r]).Select(r => groups.Values[r]).Distinct(StringComparer.Ordinal).Count(train.Contains);
    }

    private static CsvTable Table(string[] columns, IReadOnlyList<int> rows, Func<int, string[]> cells) =>
        new(columns, rows.Select(cells).ToArray());

    /// <summary>The label as train.csv holds it: 0/1 for probability tasks, the raw value otherwise.</summary>
    public static string TrainLabel(TaskCandidate candidate, string raw)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.SubmissionFormat == SubmissionFormat.Probability ? (raw == candidate.PositiveLabel ? "1" : "0") : raw;
    }

    private static string[] Answer(TaskCandidate candidate, string raw) => candidate.SubmissionFormat switch
    {
        SubmissionFormat.ClassProbabilities => candidate.Classes.Select(c => c == raw ? "1" : "0").ToArray(),
        _ => [TrainLabel(candidate, raw)],
    };

    /// <summary>The sample submission's row: a constant, uninformative prediction in the right format.</summary>
    private static string[] DummyRow(TaskCandidate candidate, string[] trainLabels)
    {
        switch (candidate.SubmissionFormat)
        {
            case SubmissionFormat.Probability:
                return ["0.5"];
            case SubmissionFormat.ClassProbabilities:
                var p = (1.0 / candidate.Classes.Count).ToString("R", CultureInfo.InvariantCulture);
                return candidate.Classes.Select(_ => p).ToArray();
            case SubmissionFormat.Label:
                return [trainLabels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key];
            default:
                var median = Stats.Median(trainLabels.Select(l => ColumnData.TryParseNumber(l, out var x) ? x : double.NaN).ToArray());
                return [median.ToString("R", CultureInfo.InvariantCulture)];
        }
    }
}
