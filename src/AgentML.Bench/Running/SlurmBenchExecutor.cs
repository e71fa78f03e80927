using System.Text.Json.Serialization;
using AgentML.Bench.Agents;
using AgentML.Executors.Remote;
using AgentML.Executors.Slurm;
using Microsoft.Extensions.Logging;

namespace AgentML.Bench.Running;

/// <summary>What a node needs to run one bench run (spec.json of its job folder).</summary>
public sealed record BenchRunJobSpec
{
    [JsonPropertyName("inputs")] public required IReadOnlyList<string> Inputs { get; init; }

    [JsonPropertyName("leaderboards")] public string? LeaderboardsDirectory { get; init; }

    [JsonPropertyName("competition")] public required string CompetitionId { get; init; }

    [JsonPropertyName("seed")] public required int Seed { get; init; }

    [JsonPropertyName("time_limit")] public required TimeSpan TimeLimit { get; init; }

    [JsonPropertyName("run_directory")] public required string RunDirectory { get; init; }

    [JsonPropertyName("data_directory")] public required string DataDirectory { get; init; }

    [JsonPropertyName("agent")] public required AgentSpec Agent { get; init; }
}

/// <summary>
/// Runs each bench run as one Slurm job (`agentml executor bench-run` on a node, the agent in the same sandbox as a local
/// run), its time limit the agent's hard cap plus grace. The job id is stored with the run before waiting, so a resumed
/// bench re-attaches to a job still pending or running (or collects one that finished meanwhile) instead of submitting it
/// twice. Cancellation scancels the job. Slurm's end state becomes the outcome: TIMEOUT → timeout (not retried),
/// OUT_OF_MEMORY → out-of-memory; PREEMPTED, NODE_FAIL, BOOT_FAIL and a job lost without a result are submitted again
/// (up to <see cref="SlurmOptions.MaxResubmits"/> times). Grading stays with the coordinator.
/// </summary>
public sealed class SlurmBenchExecutor(SlurmJobRunner runner, BenchOptions options, string benchId, ILogger logger) : IBenchRunExecutor
{
    public const string Verb = "bench-run";

    public async Task<AgentRunResult> RunAsync(BenchRunWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var run = work.Run;
        var folder = new JobFolder(Path.Combine(runner.Options.JobsDirectory, JobName(run)));
        string? jobId = null;
        if (run.JobId is { } previous && run.Status == Store.Bench.BenchRunStatus.Running && Directory.Exists(folder.Path))
        {
            var info = await runner.Client.QueryAsync(previous, cancellationToken).ConfigureAwait(false);
            if (info is { IsFinal: false } || (info is not null && !SlurmStates.IsRetryable(info.State)) || File.Exists(folder.Result))
            {
                logger.LogInformation("Re-attaching to Slurm job {JobId} of {Run} ({State})", previous, run.Id, info is null ? "gone, result present" : SlurmStates.Name(info.State));
                jobId = previous;
            }
        }

        for (var resubmits = 0; ; resubmits++)
        {
            if (jobId is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                jobId = await SubmitAsync(work, folder).ConfigureAwait(false);
            }

            var started = DateTime.UtcNow;
            var info = await runner.WaitAsync(jobId, folder, onLine: null, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                run.JobId = null;
                work.Save();
                cancellationToken.ThrowIfCancellationRequested();
            }

            var inner = JobFolder.Read<AgentRunResult>(folder.Result);
            var lost = inner is null && (SlurmStates.IsRetryable(info.State) || info.State == SlurmJobState.Unknown);
            if (lost && resubmits < runner.Options.MaxResubmits)
            {
                logger.LogWarning("Slurm job {JobId} of {Run} ended {State}; submitting the run again", jobId, run.Id, SlurmStates.Name(info.State));
                jobId = null;
                continue;
            }

            await File.AppendAllTextAsync(Path.Combine(work.Request.Workspace.LogsDirectory, "slurm.txt"),
                $"job {jobId}: {SlurmStates.Name(info.State)}{(info.Reason is null ? "" : " (" + info.Reason + ")")}, exit {info.ExitCode}\n", CancellationToken.None).ConfigureAwait(false);
            CopyOutput(folder, work.Request.Workspace);
            return ToResult(info, inner, DateTime.UtcNow - started);
        }
    }

    /// <summary>The outcome of a finished job: the node's own result, unless Slurm stopped the job itself.</summary>
    public static AgentRunResult ToResult(SlurmJobInfo info, AgentRunResult? inner, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(info);
        var state = SlurmStates.Name(info.State);
        return info.State switch
        {
            SlurmJobState.Timeout => new AgentRunResult(AgentOutcome.Timeout, inner?.ExitCode, inner?.Duration ?? waited, $"Slurm stopped the job at its time limit ({state})"),
            SlurmJobState.OutOfMemory => new AgentRunResult(AgentOutcome.OutOfMemory, inner?.ExitCode, inner?.Duration ?? waited, $"Slurm stopped the job at its memory limit ({state})"),
            _ when inner is not null => inner,
            SlurmJobState.Cancelled => new AgentRunResult(AgentOutcome.Killed, info.ExitCode, waited, $"the Slurm job was cancelled ({state})"),
            _ => new AgentRunResult(AgentOutcome.Crashed, info.ExitCode, waited, $"the Slurm job ended {state}{(info.Reason is null ? "" : " (" + info.Reason + ")")} without a result"),
        };
    }

    private async Task<string> SubmitAsync(BenchRunWork work, JobFolder folder)
    {
        work.Start();
        var request = work.Request;
        Directory.CreateDirectory(folder.Path);
        JobFolder.WriteAtomically(folder.Spec, new BenchRunJobSpec
        {
            Inputs = options.Inputs,
            LeaderboardsDirectory = options.LeaderboardsDirectory,
            CompetitionId = request.Competition.Id,
            Seed = request.Seed,
            TimeLimit = request.TimeLimit,
            RunDirectory = Path.GetFullPath(request.Workspace.RunDirectory),
            DataDirectory = Path.GetFullPath(request.Workspace.DataDirectory),
            Agent = options.Agent,
        });
        // Not cancellable (a cancelled sbatch may still queue the job); the id is stored at once, and waiting scancels it.
        var id = await runner.SubmitAsync(folder, Verb, JobName(work.Run), BenchRunner.HardCap(request.TimeLimit), cpus: 1, memoryMb: 8192 + 512, CancellationToken.None).ConfigureAwait(false);
        work.Run.JobId = id;
        work.Save();
        return id;
    }

    private static void CopyOutput(JobFolder folder, AgentWorkspace workspace)
    {
        if (File.Exists(folder.Output))
        {
            File.Copy(folder.Output, Path.Combine(workspace.LogsDirectory, "slurm.out"), overwrite: true);
        }
    }

    private string JobName(Store.Bench.BenchRunDocument run) => SlurmJobRunner.JobName("bench", $"{benchId}-{run.CompetitionId}-{run.Seed}");
}
