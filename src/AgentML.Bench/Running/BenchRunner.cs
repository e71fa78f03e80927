using System.Text.Json;
using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Bench.Grading;
using AgentML.Bench.Reporting;
using AgentML.Core.Grading;
using AgentML.Store.Bench;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Bench.Running;

/// <summary>A run's state change, for progress display.</summary>
public sealed record BenchRunEvent(string CompetitionId, int Seed, BenchRunStatus Status, AgentOutcome? Outcome = null, CompetitionReport? Report = null, bool Skipped = false);

/// <summary>
/// Runs every (competition, seed) of a bench with bounded parallelism: stages the public data, runs the agent with the
/// time limit, grades what it left and records each step in the store at once. Finished runs are skipped, so a bench
/// that was killed resumes where it stopped. Where each agent runs is the executor's choice (here, or one Slurm job each);
/// grading always happens here.
/// </summary>
public sealed class BenchRunner(BenchStore store, BenchGrader grader, TimeProvider time, ILogger<BenchRunner>? logger = null, Func<BenchDocument, BenchOptions, IBenchRunExecutor>? executorFactory = null)
{
    /// <summary>How much longer than the time limit an agent may take before the bench stops it (the agent's own grace).</summary>
    public static TimeSpan HardCap(TimeSpan limit) => limit + TimeSpan.FromSeconds(Math.Max(30, limit.TotalSeconds * 0.25));

    private readonly ILogger _logger = logger ?? NullLogger<BenchRunner>.Instance;

    private readonly Func<BenchDocument, BenchOptions, IBenchRunExecutor> _executors = executorFactory ?? ((_, _) => new LocalBenchExecutor(time, logger ?? (ILogger)NullLogger<BenchRunner>.Instance));

    /// <summary>Runs the unfinished runs of <paramref name="bench"/>; returns when all are finished or on cancellation.</summary>
    public async Task RunAsync(
        BenchDocument bench,
        IReadOnlyList<BenchCompetition> competitions,
        IBenchAgent agent,
        BenchOptions options,
        IProgress<BenchRunEvent>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(options);
        var work = new List<(BenchCompetition Competition, int Seed)>();
        foreach (var competition in competitions)
        {
            foreach (var seed in bench.Seeds)
            {
                var existing = store.FindRun(bench.Id, competition.Id, seed);
                if (existing?.Status == BenchRunStatus.Finished)
                {
                    progress?.Report(new BenchRunEvent(competition.Id, seed, BenchRunStatus.Finished, ParseOutcome(existing.AgentOutcome), BenchReports.ParseReport(existing.ReportJson), Skipped: true));
                    continue;
                }

                work.Add((competition, seed));
                if (existing is null)
                {
                    store.SaveRun(new BenchRunDocument
                    {
                        Id = BenchRunDocument.MakeId(bench.Id, competition.Id, seed),
                        BenchId = bench.Id,
                        CompetitionId = competition.Id,
                        Seed = seed,
                        Status = BenchRunStatus.Pending,
                        RunDirectory = RunDirectory(bench, competition.Id, seed),
                    });
                }
            }
        }

        var dataRoot = Path.Combine(bench.OutputDirectory, "data");
        var staged = competitions.ToDictionary(c => c.Id, c => work.Any(w => w.Competition.Id == c.Id) ? DataStager.Stage(c, dataRoot) : "", StringComparer.Ordinal);
        var executor = _executors(bench, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallel), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(work, parallel, async (item, ct) =>
                await RunOneAsync(bench, item.Competition, item.Seed, staged[item.Competition.Id], agent, executor, options.TimeLimit, progress, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Bench {Bench} interrupted; resume it with the same bench id.", bench.Id);
            throw;
        }
    }

    private async Task RunOneAsync(BenchDocument bench, BenchCompetition competition, int seed, string dataDirectory, IBenchAgent agent, IBenchRunExecutor executor, TimeSpan limit, IProgress<BenchRunEvent>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var run = store.FindRun(bench.Id, competition.Id, seed) ?? throw new InvalidOperationException("run document vanished");
        var workspace = new AgentWorkspace(run.RunDirectory, dataDirectory);
        var request = new AgentRunRequest { Competition = competition, Seed = seed, Workspace = workspace, TimeLimit = limit };
        var reported = false;
        void Start()
        {
            workspace.Reset();
            run.Status = BenchRunStatus.Running;
            run.Attempts++;
            run.StartedAtUtc = time.GetUtcNow().UtcDateTime;
            run.FinishedAtUtc = null;
            run.ReportJson = null;
            store.SaveRun(run);
            if (!reported)
            {
                reported = true;
                progress?.Report(new BenchRunEvent(competition.Id, seed, BenchRunStatus.Running));
            }
        }

        var result = await executor.RunAsync(new BenchRunWork(run, request, agent, Start, () => store.SaveRun(run)), cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            // Left as Running: a resume starts this run again from scratch.
            cancellationToken.ThrowIfCancellationRequested();
        }

        var report = grader.Grade(competition, workspace.SubmissionPath);
        var reportJson = JsonSerializer.Serialize(report, BenchJson.Options);
        await File.WriteAllTextAsync(Path.Combine(workspace.RunDirectory, "report.json"), reportJson, CancellationToken.None).ConfigureAwait(false);
        run.Status = BenchRunStatus.Finished;
        run.AgentOutcome = result.Outcome.ToString().ToLowerInvariant();
        run.ExitCode = result.ExitCode;
        run.DurationSeconds = result.Duration.TotalSeconds;
        run.Message = result.Message;
        run.ReportJson = reportJson;
        run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
        store.SaveRun(run);
        _logger.LogInformation("{Competition} seed {Seed}: {Outcome}, score {Score}, valid {Valid}", competition.Id, seed, run.AgentOutcome, report.Score, report.ValidSubmission);
        progress?.Report(new BenchRunEvent(competition.Id, seed, BenchRunStatus.Finished, result.Outcome, report));
    }

    /// <summary>The folder of one run: &lt;out&gt;/runs/&lt;competition&gt;/seed-&lt;n&gt;.</summary>
    public static string RunDirectory(BenchDocument bench, string competitionId, int seed)
    {
        ArgumentNullException.ThrowIfNull(bench);
        return Path.Combine(bench.OutputDirectory, "runs", competitionId, "seed-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static AgentOutcome? ParseOutcome(string? value) =>
        Enum.TryParse<AgentOutcome>(value, ignoreCase: true, out var outcome) ? outcome : null;
}
