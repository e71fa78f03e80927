using AgentML.Core.Runs;
using AgentML.Bench.Agents;
using AgentML.Bench.Running;
using AgentML.Cli.Hosting;
using AgentML.Core.Tasks;
using AgentML.Search;
using AgentML.Search.Engine;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Cli.Bench;

/// <summary>
/// AgentML itself as a bench agent: the solve engine on the competition's public data only (the staged data folder,
/// no answers, no leaderboard) within the run's time limit. The solve run's folder lands in the run's code/ folder,
/// its submission in submission/, a summary in logs/.
/// </summary>
internal sealed class AgentMlBenchAgent(AgentSpec spec, string dbPath, ILoggerFactory loggers, TimeProvider time) : IBenchAgent
{
    public string Description => BenchService.Describe(spec);

    public async Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var task = PublicTask(request.Competition.Task, request.Workspace.DataDirectory);
        var parallel = SolveSettings.DefaultParallel();
        var settings = new SolveSettings
        {
            TimeBudget = SolveBudget(request.TimeLimit),
            Seed = request.Seed,
            Sandbox = spec.Sandbox,
            Model = spec.Model ?? "builtin",
            Parallel = parallel,
            ThreadsPerProgram = SolveComposition.DefaultThreads(parallel),
        };
        var deps = SolveComposition.Dependencies(settings, dbPath, loggers, time);
        try
        {
            RunRecord run;
            try
            {
                run = await new SolveService(deps).SolveAsync(task, settings, request.Workspace.CodeDirectory, progress: null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped at the bench's hard cap: keep a submission the final re-run may already have written.
                SalvageSubmission(request.Workspace);
                throw;
            }

            var paths = new RunPaths(run.OutputDirectory);
            if (File.Exists(paths.Submission))
            {
                File.Copy(paths.Submission, request.Workspace.SubmissionPath, overwrite: true);
            }

            var summary = $"solve run {run.Id}: {run.Status}\nfolder: {run.OutputDirectory}\n";
            await File.WriteAllTextAsync(Path.Combine(request.Workspace.LogsDirectory, "agentml.txt"), summary, CancellationToken.None).ConfigureAwait(false);
            var ok = run.Status == RunStatus.Finished;
            return new AgentRunResult(ok ? AgentOutcome.Completed : AgentOutcome.Crashed, ok ? 0 : 1, time.GetElapsedTime(started), ok ? $"solve run {run.Id}" : $"solve run {run.Id} ended {run.Status}");
        }
        finally
        {
            (deps.Sandbox as IDisposable)?.Dispose();
        }
    }

    /// <summary>The solve's own budget: 90% of the limit (at most a minute less), so that it ends before the limit.</summary>
    internal static TimeSpan SolveBudget(TimeSpan limit) =>
        TimeSpan.FromSeconds(Math.Max(limit.TotalSeconds * 0.9, limit.TotalSeconds - 60));

    private static void SalvageSubmission(AgentWorkspace workspace)
    {
        var found = Directory.Exists(workspace.CodeDirectory)
            ? Directory.GetFiles(workspace.CodeDirectory, "submission.csv", SearchOption.TopDirectoryOnly)
                .Concat(Directory.GetDirectories(workspace.CodeDirectory).Select(d => Path.Combine(d, "submission.csv")).Where(File.Exists))
                .FirstOrDefault()
            : null;
        if (found is not null && !File.Exists(workspace.SubmissionPath))
        {
            File.Copy(found, workspace.SubmissionPath);
        }
    }

    /// <summary>The task as a solver may see it: files in the staged data folder, no answers, no leaderboard.</summary>
    internal static TaskSpec PublicTask(TaskSpec task, string dataDirectory)
    {
        string Staged(string path) => Path.Combine(dataDirectory, Path.GetRelativePath(task.PublicDirectory, path));
        return task with
        {
            RootDirectory = dataDirectory,
            PublicDirectory = dataDirectory,
            TrainPath = Staged(task.TrainPath),
            TestPath = Staged(task.TestPath),
            SampleSubmissionPath = Staged(task.SampleSubmissionPath),
            AnswersPath = null,
            LeaderboardPath = null,
        };
    }
}
