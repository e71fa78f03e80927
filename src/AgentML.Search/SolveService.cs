using AgentML.Core.Runs;
using System.Globalization;
using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Search.Data;
using AgentML.Search.Engine;
using AgentML.Search.Ensembles;
using AgentML.Search.Policies;
using AgentML.Search.Reports;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search;

/// <summary>
/// <c>agentml solve</c> and <c>agentml resume</c>: loads and checks the task, makes the development split, runs the
/// search, re-runs the best program on the full data and writes the run's artifacts and report.
/// </summary>
public sealed class SolveService
{
    private readonly SolveDependencies _deps;
    private readonly ILogger _logger;

    public SolveService(SolveDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _deps = dependencies;
        _logger = dependencies.LoggerFactory.CreateLogger<SolveService>();
    }

    /// <summary>
    /// Loads <paramref name="folder"/> and checks everything a solve needs (files readable, train not empty, targets
    /// present, metric known) before any sandbox starts; throws <see cref="UserFacingException"/> otherwise.
    /// </summary>
    public static TaskSpec LoadTask(string folder, string? metric)
    {
        if (!Directory.Exists(folder))
        {
            throw new UserFacingException($"{folder}: no such task folder.");
        }

        var task = new TaskLoader().Load(folder, new TaskLoadOptions { Metric = metric });
        MetricRegistry.Get(task.Metric);
        var train = CsvTable.Read(task.TrainPath);
        if (train.Rows.Count == 0)
        {
            throw new UserFacingException($"{task.TrainPath}: the training table has a header but no data rows.");
        }

        foreach (var column in task.TrainTargetColumns.Where(c => train.ColumnIndex(c) < 0))
        {
            throw new UserFacingException($"{task.TrainPath}: target column '{column}' is missing (columns: {string.Join(", ", train.Columns)}).");
        }

        var test = CsvTable.Read(task.TestPath);
        if (test.Rows.Count == 0)
        {
            throw new UserFacingException($"{task.TestPath}: the test table has no data rows.");
        }

        var sample = CsvTable.Read(task.SampleSubmissionPath);
        if (sample.ColumnIndex(task.IdColumn) < 0)
        {
            throw new UserFacingException($"{task.SampleSubmissionPath}: the id column '{task.IdColumn}' is missing.");
        }

        return task;
    }

    /// <summary>A stored run and its settings; throws <see cref="UserFacingException"/> when there is no such run.</summary>
    public static (RunRecord Run, SolveSettings Settings) FindRun(IRunStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = store.FindRun(runId) ?? throw new UserFacingException($"No run '{runId}' in the database (see `agentml runs`).");
        return (run, SolveSettings.FromJson(run.SettingsJson));
    }

    /// <summary>Starts a new run on <paramref name="task"/>; artifacts go to &lt;<paramref name="outputRoot"/>&gt;/&lt;run-id&gt;.</summary>
    public async Task<RunRecord> SolveAsync(TaskSpec task, SolveSettings settings, string outputRoot, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        PolicyFactory.Create(settings.Policy);
        var now = _deps.Time.GetUtcNow().UtcDateTime;
        var id = $"{Slug(task.Id)}-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";
        var paths = new RunPaths(Path.Combine(outputRoot, id));
        var metric = MetricRegistry.Get(task.Metric);
        var run = new RunRecord
        {
            Id = id,
            TaskId = task.Id,
            TaskName = task.Name,
            TaskFolder = Path.GetFullPath(task.RootDirectory),
            Metric = task.Metric,
            HigherIsBetter = metric.HigherIsBetter,
            CreatedAt = now,
            UpdatedAt = now,
            Sessions = 1,
            SettingsJson = settings.ToJson(),
            OutputDirectory = paths.Root,
        };
        _deps.Store.SaveRun(run);
        _logger.LogInformation("Run {Run} on {Task} ({Metric})", id, task.Id, task.Metric);

        var split = MakeSplit(task, settings, paths);
        if (split.TestLacksColumns.Count > 0)
        {
            _logger.LogWarning("{Test} lacks column(s) {Columns} of train.csv; they are left out of the rows programs learn from",
                task.TestPath, string.Join(", ", split.TestLacksColumns));
        }

        run = run with { SplitJson = split.ToJson() };
        _deps.Store.SaveRun(run);
        return await RunSessionAsync(run, task, settings, split, paths, settings.TimeBudget, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a stored run: finished nodes are kept, unfinished ones run again, then the search goes on.</summary>
    public async Task<RunRecord> ResumeAsync(string runId, TimeSpan? time, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var (run, settings) = FindRun(_deps.Store, runId);
        if (run.Status == RunStatus.Finished)
        {
            throw new UserFacingException($"Run {run.Id} is already finished; its results are in {run.OutputDirectory}.");
        }

        var task = LoadTask(run.TaskFolder, settings.Metric);
        var paths = new RunPaths(run.OutputDirectory);
        var split = FoldPlan.FromJson(run.SplitJson);
        if (split is null || !split.FilesExist())
        {
            split = MakeSplit(task, settings, paths);
            run = run with { SplitJson = split.ToJson() };
        }

        var left = settings.TimeBudget - TimeSpan.FromSeconds(run.ElapsedSeconds);
        var minimum = TimeSpan.FromSeconds(Math.Min(settings.TimeBudget.TotalSeconds, 60));
        var available = time ?? (left > minimum ? left : minimum);
        run = run with { Sessions = run.Sessions + 1, Status = RunStatus.Running };
        _deps.Store.SaveRun(run);
        _logger.LogInformation("Resuming {Run} with {Seconds:F0} s", run.Id, available.TotalSeconds);
        return await RunSessionAsync(run, task, settings, split, paths, available, progress, cancellationToken).ConfigureAwait(false);
    }

    private static FoldPlan MakeSplit(TaskSpec task, SolveSettings settings, RunPaths paths)
    {
        var devTrainRows = CsvTable.Read(task.TrainPath).Rows.Count * (1 - settings.CheckFraction);
        var low = settings.EarlyScoring switch
        {
            EarlyScoringMode.On => true,
            EarlyScoringMode.Off => false,
            _ => devTrainRows >= settings.LowFidelityMinRows && settings.TimeBudget >= settings.LowFidelityMinBudget,
        };
        return new FoldPlanner().Create(task, settings, low, paths.Dev);
    }

    private async Task<RunRecord> RunSessionAsync(
        RunRecord run, TaskSpec task, SolveSettings settings, FoldPlan split, RunPaths paths, TimeSpan available,
        IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var metric = MetricRegistry.Get(task.Metric);
        var context = new TaskContext
        {
            Task = task,
            Profile = new DataProfiler().Profile(task),
            ProgramTimeLimit = settings.EffectiveProgramTimeLimit,
            HigherIsBetter = metric.HigherIsBetter,
            Seed = settings.Seed,
            Staged = new StagedRows(split.TrainRows, split.CheckRows + split.TaskTestRows, split.FoldCount),
            Weights = PretrainedWeights.Find(settings.WeightsDirectory, Environment.GetEnvironmentVariable),
        };
        _logger.LogInformation("Pretrained weights: {Weights}", context.Weights.Describe());
        var state = new RunState(run, task, context, split, settings, paths, _deps.Store, _deps.Time);
        var evaluator = new CandidateEvaluator(_deps.Sandbox, _deps.LoggerFactory.CreateLogger<CandidateEvaluator>());
        var ensemble = new EnsembleBuilder(_deps.LoggerFactory.CreateLogger<EnsembleBuilder>());
        var runner = new CandidateRunner(new AgentOperators(_deps.Team), evaluator, ensemble, _deps.LoggerFactory.CreateLogger<CandidateRunner>());
        var loop = new SearchLoop(PolicyFactory.Create(settings.Policy), new AgentOperators(_deps.Team), runner, _deps.LoggerFactory.CreateLogger<SearchLoop>());
        var budget = new SearchBudget(state, _deps.Time, available);
        var phase = "searching";
        string? lastEvent = null;
        runner.NodeFinished += message =>
        {
            lastEvent = message;
            WriteArtifacts(state);
            progress?.Report(Snapshot(state, loop.Running, budget, phase, message));
        };

        using var reporting = new CancellationTokenSource();
        var reporter = ReportProgressAsync(state, loop, budget, () => phase, () => lastEvent, progress, reporting.Token);
        try
        {
            await loop.RunAsync(state, budget, cancellationToken).ConfigureAwait(false);
            phase = "final";
            var ok = await new FinalRun(evaluator, _deps.LoggerFactory.CreateLogger<FinalRun>()).RunAsync(state, budget, cancellationToken).ConfigureAwait(false);
            state.UpdateRun(r => r with { Status = ok ? RunStatus.Finished : RunStatus.Failed, FinishedAt = state.UtcNow });

            phase = "done";
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
            WriteArtifacts(state);
            progress?.Report(Snapshot(state, 0, budget, phase, lastEvent));
        }

        return state.Run;
    }

    private void WriteArtifacts(RunState state)
    {
        try
        {
            lock (state.Gate)
            {
                var executions = _deps.Store.GetExecutions(state.Run.Id);
                var run = state.UpdateRun(r => RunStatistics.Update(r, state.Nodes, executions));
                Directory.CreateDirectory(state.Paths.Root);
                File.WriteAllText(state.Paths.TreeJson, TreeJson.Render(run, state.Nodes, executions));
                File.WriteAllText(state.Paths.ReportMarkdown, ReportWriter.Markdown(run, state.Nodes, executions));
                File.WriteAllText(state.Paths.ReportHtml, ReportWriter.Html(run, state.Nodes, executions));
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not write the run's report files");
        }
    }

    private static async Task ReportProgressAsync(
        RunState state, SearchLoop loop, SearchBudget budget, Func<string> phase, Func<string?> lastEvent,
        IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                progress.Report(Snapshot(state, loop.Running, budget, phase(), lastEvent()));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static SolveProgress Snapshot(RunState state, int running, SearchBudget budget, string phase, string? lastEvent)
    {
        lock (state.Gate)
        {
            var nodes = state.Nodes;
            return new SolveProgress
            {
                RunId = state.Run.Id,
                Phase = phase,
                Running = running,
                Done = nodes.Count(n => n.Status.IsFinished()),
                Ok = nodes.Count(n => n.Status == NodeStatus.Ok),
                Buggy = nodes.Count(n => n.Status == NodeStatus.Buggy),
                Pruned = nodes.Count(n => n.Status == NodeStatus.Pruned),
                BestScore = state.Run.BestScore,
                BestNodeId = state.Run.BestNodeId,
                TimeLeft = budget.Left < TimeSpan.Zero ? TimeSpan.Zero : budget.Left,
                LastEvent = lastEvent,
            };
        }
    }

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = new string(chars).Trim('-');
        return slug.Length == 0 ? "task" : slug[..Math.Min(slug.Length, 40)];
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
