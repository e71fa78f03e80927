using System.Globalization;
using System.Text;
using AgentML.Executors.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Executors.Slurm;

/// <summary>
/// Submits worker jobs (`agentml executor &lt;verb&gt; &lt;job folder&gt;` in a batch script) and watches them: polls
/// Slurm for the state, hands each new line of the job's output file to the caller, and on cancellation cancels the
/// job (scancel) and waits for it to end.
/// </summary>
public sealed class SlurmJobRunner(SlurmClient client, SlurmOptions options, TimeProvider time, ILogger<SlurmJobRunner>? logger = null)
{
    /// <summary>How long a cancelled job may take to end before the coordinator stops waiting for it.</summary>
    public static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = logger ?? NullLogger<SlurmJobRunner>.Instance;

    public SlurmOptions Options => options;

    public SlurmClient Client => client;

    /// <summary>A fresh job folder under the shared folder, named after <paramref name="name"/>.</summary>
    public JobFolder CreateFolder(string name)
    {
        var folder = new JobFolder(Path.Combine(options.JobsDirectory, name));
        if (Directory.Exists(folder.Path))
        {
            Directory.Delete(folder.Path, recursive: true);
        }

        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>Writes the batch script of <paramref name="folder"/> (the worker with <paramref name="verb"/>) and submits it.</summary>
    public async Task<string> SubmitAsync(JobFolder folder, string verb, string name, TimeSpan limit, int cpus, int memoryMb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var worker = options.ResolveWorker().Concat(["executor", verb, folder.Path]).Select(Quote);
        var script = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append("# AgentML worker job ").Append(name).Append(" (written by the coordinator; see docs/scale-out.md)\n")
            .Append("echo \"agentml job ${SLURM_JOB_ID:-?} on $(hostname) at $(date -u +%FT%TZ)\"\n")
            .Append("exec ").Append(string.Join(' ', worker)).Append('\n')
            .ToString();
        await File.WriteAllTextAsync(folder.Script, script, cancellationToken).ConfigureAwait(false);
        File.Delete(folder.Output);
        File.Delete(folder.Result);
        return await client.SubmitAsync(new SlurmSubmission
        {
            Name = name,
            ScriptPath = folder.Script,
            OutputPath = folder.Output,
            WorkingDirectory = folder.Path,
            TimeLimit = limit + options.TimeGrace,
            Cpus = cpus,
            MemoryMb = memoryMb,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until job <paramref name="jobId"/> ends; <paramref name="onLine"/> gets each line of its output file as
    /// it appears. On cancellation the job is cancelled and awaited (at most <see cref="CancelWait"/>), then the
    /// returned info says CANCELLED (no exception). A job Slurm no longer knows ends as <see cref="SlurmJobState.Unknown"/>.
    /// </summary>
    public async Task<SlurmJobInfo> WaitAsync(string jobId, JobFolder folder, Action<string>? onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var tail = new OutputTail(folder.Output);
        void Drain(bool final)
        {
            foreach (var line in tail.ReadNewLines(final))
            {
                onLine?.Invoke(line);
            }
        }

        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return await CancelAndWaitAsync(jobId, folder, Drain).ConfigureAwait(false);
            }

            SlurmJobInfo? info;
            try
            {
                info = await client.QueryAsync(jobId, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                continue;
            }

            Drain(final: false);
            if (info is null)
            {
                Drain(final: true);
                return new SlurmJobInfo(jobId, SlurmJobState.Unknown, "Slurm no longer knows the job", null);
            }

            if (info.IsFinal)
            {
                Drain(final: true);
                _logger.LogInformation("Slurm job {JobId} ended {State} ({Reason})", jobId, SlurmStates.Name(info.State), info.Reason ?? "no reason");
                return info;
            }

            try
            {
                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Loop once more: the cancellation branch cancels the job.
            }
        }
    }

    private async Task<SlurmJobInfo> CancelAndWaitAsync(string jobId, JobFolder folder, Action<bool> drain)
    {
        await client.CancelAsync(jobId, CancellationToken.None).ConfigureAwait(false);
        var deadline = time.GetTimestamp();
        SlurmJobInfo? info = null;
        while (time.GetElapsedTime(deadline) < CancelWait)
        {
            info = await client.QueryAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            drain(false);
            if (info is null || info.IsFinal)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, CancellationToken.None).ConfigureAwait(false);
        }

        // The worker writes its result after the program was killed; give it a moment to appear.
        for (var i = 0; i < 20 && !File.Exists(folder.Result); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, CancellationToken.None).ConfigureAwait(false);
        }

        drain(true);
        return new SlurmJobInfo(jobId, SlurmJobState.Cancelled, "cancelled by the coordinator", info?.ExitCode);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A job name Slurm shows in squeue: agentml-&lt;kind&gt;-&lt;short id&gt;.</summary>
    public static string JobName(string kind, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"agentml-{kind}-{new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray())}");
}
