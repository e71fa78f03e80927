using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;

namespace AgentML.Forge.Verification;

/// <summary>
/// Structural checks of a written task: files present, the task loads as written, schemas agree, ids unique and
/// disjoint, nothing of the answers in public/, the sample submission matches the answers, enough rows per split and class.
/// </summary>
public sealed class StructuralVerifier : IVerifier
{
    private const VerificationStage S = VerificationStage.Structural;
    private static readonly string[] RequiredFiles =
        ["competition.yaml", "description.md", "public/train.csv", "public/test.csv", "public/sample_submission.csv", "private/answers.csv"];

    private readonly VerificationOptions _options;

    public StructuralVerifier(VerificationOptions options) => _options = options;

    public VerificationStage Stage => S;

    public Task<VerifierResult> VerifyAsync(ForgedTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var checks = new List<VerificationCheck>();
        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(task.Folder, f))).ToArray();
        checks.Add(missing.Length == 0
            ? VerificationCheck.Pass(S, "files", "all files present")
            : VerificationCheck.Fail(S, "files", "missing " + string.Join(", ", missing)));
        if (missing.Length > 0)
        {
            return Task.FromResult(new VerifierResult(checks));
        }

        TaskSpec spec;
        try
        {
            spec = new TaskLoader().Load(task.Folder);
        }
        catch (UserFacingException ex)
        {
            checks.Add(VerificationCheck.Fail(S, "loads", ex.Message));
            return Task.FromResult(new VerifierResult(checks));
        }

        var design = task.Design;
        var expectedTargets = CompetitionFile.TargetColumns(design.Candidate);
        checks.Add(spec.Metric == design.Candidate.Metric && spec.TargetColumns.SequenceEqual(expectedTargets) && spec.IdColumn == design.IdColumn
            ? VerificationCheck.Pass(S, "loads", $"loads as {spec.TaskType} / {spec.SubmissionFormat}, metric {spec.Metric}")
            : VerificationCheck.Fail(S, "loads", $"the loader reads metric {spec.Metric}, targets [{string.Join(", ", spec.TargetColumns)}], id {spec.IdColumn}; the design says {design.Candidate.Metric}, [{string.Join(", ", expectedTargets)}], {design.IdColumn}"));
        cancellationToken.ThrowIfCancellationRequested();

        var train = CsvTable.Read(spec.TrainPath);
        var test = CsvTable.Read(spec.TestPath);
        var sample = CsvTable.Read(spec.SampleSubmissionPath);
        var answers = CsvTable.Read(Path.Combine(task.Folder, "private", "answers.csv"));
        var target = design.Candidate.Target;
        checks.Add(Schemas(train, test, sample, answers, design, expectedTargets));
        checks.Add(Ids(train, test, sample, answers, design.IdColumn));
        checks.Add(NothingPublic(task.Folder, test, sample, target));
        checks.Add(Rows(train, test));
        if (design.Split.Kind == SplitKind.Group)
        {
            checks.Add(Groups(task, train, test));
        }

        if (design.Split.KnownGroup is { } known)
        {
            checks.Add(KnownGroups(known, train, test));
        }

        if (design.Candidate.Classes.Count > 0)
        {
            checks.Add(Classes(train, answers, design));
        }

        return Task.FromResult(new VerifierResult(checks));
    }

    private static VerificationCheck Schemas(CsvTable train, CsvTable test, CsvTable sample, CsvTable answers, TaskDesign design, IReadOnlyList<string> targets)
    {
        string[] expectedTrain = [design.IdColumn, design.Candidate.Target, .. design.Features];
        string[] expectedTest = [design.IdColumn, .. design.Features];
        string[] expectedSubmission = [design.IdColumn, .. targets];
        if (!train.Columns.SequenceEqual(expectedTrain))
        {
            return VerificationCheck.Fail(S, "schemas", $"train.csv columns are [{string.Join(", ", train.Columns)}], expected [{string.Join(", ", expectedTrain)}]");
        }

        if (!test.Columns.SequenceEqual(expectedTest))
        {
            return VerificationCheck.Fail(S, "schemas", $"test.csv columns are [{string.Join(", ", test.Columns)}], expected train's minus the target");
        }

        return sample.Columns.SequenceEqual(expectedSubmission) && answers.Columns.SequenceEqual(expectedSubmission)
            ? VerificationCheck.Pass(S, "schemas", $"train = id + target + {design.Features.Count} features; test = train minus target; submission = [{string.Join(", ", expectedSubmission)}]")
            : VerificationCheck.Fail(S, "schemas", $"sample_submission [{string.Join(", ", sample.Columns)}] and answers [{string.Join(", ", answers.Columns)}] must both be [{string.Join(", ", expectedSubmission)}]");
    }

    private static VerificationCheck Ids(CsvTable train, CsvTable test, CsvTable sample, CsvTable answers, string idColumn)
    {
        var trainIds = Column(train, idColumn);
        var testIds = Column(test, idColumn);
        if (trainIds.Distinct().Count() != trainIds.Length || testIds.Distinct().Count() != testIds.Length)
        {
            return VerificationCheck.Fail(S, "ids", "ids repeat within train.csv or test.csv");
        }

        if (trainIds.Intersect(testIds).Any())
        {
            return VerificationCheck.Fail(S, "ids", "train and test share ids");
        }

        return Column(sample, idColumn).SequenceEqual(testIds) && Column(answers, idColumn).SequenceEqual(testIds)
            ? VerificationCheck.Pass(S, "ids", $"{trainIds.Length} train and {testIds.Length} test ids, unique and disjoint; sample submission and answers list the test ids in order")
            : VerificationCheck.Fail(S, "ids", "sample_submission.csv and answers.csv must list exactly the test ids, in the same order");
    }

    private static VerificationCheck NothingPublic(string folder, CsvTable test, CsvTable sample, string target)
    {
        if (test.ColumnIndex(target) >= 0)
        {
            return VerificationCheck.Fail(S, "no-answers-in-public", $"test.csv holds the target column {target}");
        }

        var publicFiles = Directory.GetFiles(Path.Combine(folder, "public"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();
        if (publicFiles.Any(f => string.Equals(f, "answers.csv", StringComparison.OrdinalIgnoreCase)))
        {
            return VerificationCheck.Fail(S, "no-answers-in-public", "public/ holds answers.csv");
        }

        var predictions = sample.Rows.Select(r => string.Join(",", r.Skip(1))).Distinct().Count();
        return predictions <= 1
            ? VerificationCheck.Pass(S, "no-answers-in-public", "no target in test.csv, no answers in public/, the sample submission is constant")
            : VerificationCheck.Fail(S, "no-answers-in-public", $"the sample submission holds {predictions} different predictions (it may leak the answers)");
    }

    /// <summary>A group split keeps every group on one side: read from the files when the group column is a feature, else as the refactorer counted it.</summary>
    private static VerificationCheck Groups(ForgedTask task, CsvTable train, CsvTable test)
    {
        var column = task.Design.Split.Column ?? "";
        var shared = train.ColumnIndex(column) >= 0 && test.ColumnIndex(column) >= 0
            ? Column(test, column).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Intersect(Column(train, column).Where(v => v.Length > 0), StringComparer.Ordinal).Count()
            : task.GroupsOnBothSides;
        return shared switch
        {
            0 => VerificationCheck.Pass(S, "groups", $"no {column} value has rows in both train and test"),
            null => VerificationCheck.Fail(S, "groups", $"the group split by {column} cannot be checked (the column is not in the files and the split was not counted)"),
            _ => VerificationCheck.Fail(S, "groups", $"{shared} values of {column} have rows in both train and test (a group split must keep each group on one side)"),
        };
    }

    /// <summary>The known-groups formulation: the group code is in both files and most test rows belong to groups seen in train.</summary>
    private VerificationCheck KnownGroups(string column, CsvTable train, CsvTable test)
    {
        if (train.ColumnIndex(column) < 0 || test.ColumnIndex(column) < 0)
        {
            return VerificationCheck.Fail(S, "known-groups", $"the task is posed for known {column} groups but {column} is not a feature in train.csv and test.csv");
        }

        var seen = Column(train, column).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
        var values = Column(test, column);
        var share = values.Length == 0 ? 0 : (double)values.Count(seen.Contains) / values.Length;
        return share >= _options.MinKnownGroupShare
            ? VerificationCheck.Pass(S, "known-groups", $"{Percent.Of(share, 0)} of test rows belong to {column} groups seen in train")
            : VerificationCheck.Fail(S, "known-groups", $"only {Percent.Of(share, 0)} of test rows belong to {column} groups seen in train (a task posed for known groups needs {Percent.Of(_options.MinKnownGroupShare, 0)})");
    }

    private VerificationCheck Rows(CsvTable train, CsvTable test) =>
        train.Rows.Count >= _options.MinTrainRows && test.Rows.Count >= _options.MinTestRows
            ? VerificationCheck.Pass(S, "rows", $"{train.Rows.Count} train rows, {test.Rows.Count} test rows")
            : VerificationCheck.Fail(S, "rows", $"{train.Rows.Count} train rows and {test.Rows.Count} test rows; need at least {_options.MinTrainRows} and {_options.MinTestRows}");

    private VerificationCheck Classes(CsvTable train, CsvTable answers, TaskDesign design)
    {
        var candidate = design.Candidate;
        var trainCounts = Column(train, candidate.Target).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var testLabels = candidate.SubmissionFormat == SubmissionFormat.ClassProbabilities
            ? answers.Rows.Select(r => candidate.Classes[Array.IndexOf(r, "1", 1) - 1]).ToArray()
            : Column(answers, candidate.Target);
        var testCounts = testLabels.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var labels = trainCounts.Keys.Union(testCounts.Keys).Order(StringComparer.Ordinal).ToArray();
        var weak = labels.Where(l => trainCounts.GetValueOrDefault(l) < _options.MinClassTrainRows || testCounts.GetValueOrDefault(l) < _options.MinClassTestRows).ToArray();
        return weak.Length == 0
            ? VerificationCheck.Pass(S, "classes", $"{labels.Length} classes, each with at least {_options.MinClassTrainRows} train and {_options.MinClassTestRows} test rows")
            : VerificationCheck.Fail(S, "classes", $"classes with too few rows (train/test): {string.Join(", ", weak.Take(6).Select(l => $"{l} ({trainCounts.GetValueOrDefault(l)}/{testCounts.GetValueOrDefault(l)})"))}");
    }

    private static string[] Column(CsvTable table, string name)
    {
        var index = table.ColumnIndex(name);
        return index < 0 ? [] : table.Rows.Select(r => index < r.Length ? r[index] : "").ToArray();
    }
}
