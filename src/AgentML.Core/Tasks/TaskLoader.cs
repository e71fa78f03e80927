using AgentML.Core.Data;

namespace AgentML.Core.Tasks;

/// <summary>Options for loading a task folder.</summary>
public sealed record TaskLoadOptions
{
    /// <summary>Metric to use when neither competition.yaml nor the description names one (--metric).</summary>
    public string? Metric { get; init; }

    /// <summary>Ignore competition.yaml and infer everything (used to test inference).</summary>
    public bool IgnoreCompetitionYaml { get; init; }
}

/// <summary>Loads a task folder (competition.yaml layout) or a bare Kaggle-style folder into a <see cref="TaskSpec"/>.</summary>
public sealed class TaskLoader
{
    /// <summary>Loads and validates; throws <see cref="UserFacingException"/> with a clear message on bad input.</summary>
    public TaskSpec Load(string folder, TaskLoadOptions? options = null)
    {
        options ??= new TaskLoadOptions();
        var layout = TaskFolder.Resolve(folder, options.IgnoreCompetitionYaml);
        var yaml = layout.YamlPath is { } yamlPath ? CompetitionYaml.Read(yamlPath) : null;

        var trainPath = yaml?.Train is { } t ? layout.Given(t, "train") : FindTrain(layout);
        var samplePath = yaml?.SampleSubmission is { } ss ? layout.Given(ss, "sample_submission") : layout.FindPublic("sample_submission");
        var (testPath, testFolder) = yaml?.Test is { } s ? (layout.Given(s, "test"), null) : FindTest(layout, samplePath);
        var answersPath = yaml?.Answers is { } a ? layout.Given(a, "answers") : layout.FindAnswers();
        var leaderboardPath = yaml?.Leaderboard is { } lb ? layout.Given(lb, "leaderboard") : layout.FindLeaderboard();
        var descriptionPath = yaml?.Description is { } d ? layout.Given(d, "description") : layout.FindDescription();
        var description = descriptionPath is null ? "" : File.ReadAllText(descriptionPath);

        var sample = CsvTable.Read(samplePath);
        var train = CsvTable.Read(trainPath);
        var test = CsvTable.Read(testPath);
        var result = new TaskInference(new InferenceInput(train, test, sample, description, yaml, options)).Run();
        CheckIdColumn(result.IdColumn, test, sample);

        foreach (var (field, column) in new[] { ("group_column", yaml?.GroupColumn), ("time_column", yaml?.TimeColumn) })
        {
            if (column is not null && train.ColumnIndex(column) < 0)
            {
                throw new UserFacingException($"{layout.YamlPath}: {field} '{column}' is not a column of {trainPath} (columns: {string.Join(", ", train.Columns)}).");
            }
        }

        var inferences = result.Inferences.ToList();
        var fileColumns = FileInputFinder.Index(layout.PublicDirectory).Find(train, test, result.TrainTargetColumns);
        inferences.AddRange(FileInputNotes.Describe(fileColumns, testFolder, sample, result.IdColumn));
        var id = yaml?.Id ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var name = yaml?.Name ?? HeadingOf(description) ?? id;
        if (yaml?.Name is null)
        {
            inferences.Insert(0, new Inference("name", name, HeadingOf(description) is null ? "the folder name" : "the description's first heading"));
        }

        return new TaskSpec
        {
            Id = id,
            Name = name,
            RootDirectory = layout.Root,
            PublicDirectory = layout.PublicDirectory,
            TrainPath = trainPath,
            TestPath = testPath,
            SampleSubmissionPath = samplePath,
            AnswersPath = answersPath,
            LeaderboardPath = leaderboardPath,
            Description = description,
            Metric = result.Metric,
            IdColumn = result.IdColumn,
            TargetColumns = result.TargetColumns,
            TrainTargetColumns = result.TrainTargetColumns,
            TaskType = result.TaskType,
            SubmissionFormat = result.Format,
            ClassLabels = result.ClassLabels,
            TargetClassLabels = result.TargetClassLabels,
            PositiveLabel = result.PositiveLabel,
            GroupColumn = yaml?.GroupColumn,
            TimeColumn = yaml?.TimeColumn,
            TestFromSampleSubmission = testFolder is not null,
            TestFolder = testFolder,
            FileColumns = fileColumns,
            Inferences = inferences,
        };
    }

    /// <summary>
    /// The test table; without one, a test folder (test/, test_images/) makes the sample submission's ids the test
    /// rows, as MLE-bench lays out image competitions.
    /// </summary>
    private static (string Path, string? Folder) FindTest(TaskFolder layout, string samplePath)
    {
        if (layout.TryFindPublic("test", out var path, out var problem))
        {
            return (path, null);
        }

        return layout.FindTestFolder() is { } folder
            ? (samplePath, folder)
            : throw new UserFacingException(problem + "; nor a test folder (test/ with the test files, ids in the sample submission)");
    }

    /// <summary>The train table; image competitions often call it labels.csv (the images are the features).</summary>
    private static string FindTrain(TaskFolder layout) =>
        layout.TryFindPublic("train", out var path, out var problem) ? path
        : layout.TryFindPublic("labels", out var labels, out _) && layout.FindTestFolder() is not null ? labels
        : throw new UserFacingException(problem);

    private static void CheckIdColumn(string idColumn, CsvTable test, CsvTable sample)
    {
        if (test.ColumnIndex(idColumn) < 0)
        {
            return; // some tasks identify rows by position only; the grader matches on the sample's id column.
        }

        if (test.RowCount != sample.RowCount)
        {
            throw new UserFacingException(
                $"{sample.SourcePath}: {sample.RowCount} rows but {test.SourcePath} has {test.RowCount}; the sample submission must have one row per test row");
        }
    }

    private static string? HeadingOf(string description) =>
        description.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)) is { } heading
            ? heading[2..].Trim()
            : null;
}
