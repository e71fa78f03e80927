using System.Diagnostics;
using AgentML.Executors.Remote;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Executors.Slurm;

/// <summary>
/// An <see cref="ISandbox"/> whose programs run as Slurm jobs: each run is one `sbatch` job that starts the
/// `agentml` worker on a node, which runs the job in the <paramref name="innerKind"/> sandbox there (process or
/// Docker, the same isolation as a local run). Metric lines reach <c>progress</c> while the job runs (the worker
/// prints them to the job's output file, which this class tails), so in-run early stopping keeps working; cancelling
/// scancels the job. Slurm's end states map to sandbox reasons (TIMEOUT → timeout, OUT_OF_MEMORY → out-of-memory,
/// CANCELLED → killed); a preempted or node-failed job is submitted again up to <see cref="SlurmOptions.MaxResubmits"/>
/// times. The job's folders (<see cref="SandboxJob.HostRoot"/>, mounts) must be on a file system the nodes see.
/// </summary>
public sealed class SlurmSandbox : ISandbox
{
    private readonly string _innerKind;
    private readonly string? _pythonPath;
    private readonly SlurmJobRunner _runner;
    private readonly ILogger _logger;
    private int _warnedShared;

    public SlurmSandbox(string innerKind, SlurmJobRunner runner, string? pythonPath = null, ILogger<SlurmSandbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _innerKind = (innerKind ?? SandboxKinds.Process).Trim().ToLowerInvariant();
        if (!SandboxKinds.All.Contains(_innerKind, StringComparer.Ordinal))
        {
            throw new UserFacingException($"Unknown sandbox '{innerKind}': expected one of {string.Join(", ", SandboxKinds.All)}.");
        }

        _runner = runner;
        _pythonPath = pythonPath;
        _logger = logger ?? NullLogger<SlurmSandbox>.Instance;
    }

    /// <summary>The sandbox the program runs in on the node ("process" or "docker"): paths inside follow it.</summary>
    public string Name => _innerKind;

    /// <summary>The id of the last job submitted (for tests and logs).</summary>
    public string? LastJobId { get; private set; }

    public async Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (cancellationToken.IsCancellationRequested)
        {
            return SandboxOutcome.CancelledBeforeStart(job);
        }

        WarnWhenNotShared(job);
        var name = SlurmJobRunner.JobName("sbx", Guid.NewGuid().ToString("N")[..12]);
        var folder = _runner.CreateFolder(name);
        JobFolder.WriteAtomically(folder.Spec, new SandboxJobSpec { Sandbox = _innerKind, PythonPath = _pythonPath, Job = job });
        var started = Stopwatch.StartNew();
        var notes = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            string jobId;
            try
            {
                // Not cancellable: a cancelled sbatch may still have queued the job, which then nobody would cancel.
                // Once it has an id, cancellation scancels it.
                jobId = await _runner.SubmitAsync(folder, "sandbox-job", name, job.TimeLimit, job.Threads, job.MemoryLimitMb + 512, CancellationToken.None).ConfigureAwait(false);
            }
            catch (SlurmCommandException ex)
            {
                return Failed(job, started.Elapsed, ex.Message);
            }

            LastJobId = jobId;
            var info = await _runner.WaitAsync(jobId, folder, line =>
            {
                if (progress is not null && SandboxJobWorker.TryParse(line, out var metric))
                {
                    progress.Report(metric);
                }
            }, cancellationToken).ConfigureAwait(false);
            notes.Add($"Slurm job {jobId} {SlurmStates.Name(info.State)}");
            if (SlurmStates.IsRetryable(info.State) && attempt < _runner.Options.MaxResubmits && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Slurm job {JobId} ended {State}; submitting it again", jobId, SlurmStates.Name(info.State));
                continue;
            }

            var result = ToResult(job, info, folder, started.Elapsed, notes);
            if (result.Reason is SandboxReason.Ok)
            {
                TryDelete(folder.Path);
            }

            return result;
        }
    }

    /// <summary>The sandbox result of a finished job: the worker's own result when it wrote one, else Slurm's state.</summary>
    internal static SandboxResult ToResult(SandboxJob job, SlurmJobInfo info, JobFolder folder, TimeSpan elapsed, IReadOnlyList<string> notes)
    {
        var note = string.Join("; ", notes);
        var inner = JobFolder.Read<SandboxResult>(folder.Result);
        if (inner is not null)
        {
            // Slurm's verdict wins where it killed the worker itself (its time or memory limit).
            var reason = info.State switch
            {
                SlurmJobState.Timeout => SandboxReason.Timeout,
                SlurmJobState.OutOfMemory => SandboxReason.OutOfMemory,
                SlurmJobState.Cancelled when inner.Reason == SandboxReason.Ok => SandboxReason.Ok,
                SlurmJobState.Cancelled => SandboxReason.Killed,
                _ => inner.Reason,
            };
            return inner with { Reason = reason, Message = string.IsNullOrEmpty(inner.Message) ? note : inner.Message + "; " + note };
        }

        var output = File.Exists(folder.Output) ? File.ReadAllText(folder.Output) : "";
        var tail = output.Length > 16 * 1024 ? output[^(16 * 1024)..] : output;
        var why = info.State switch
        {
            SlurmJobState.Timeout => SandboxReason.Timeout,
            SlurmJobState.OutOfMemory => SandboxReason.OutOfMemory,
            SlurmJobState.Cancelled => SandboxReason.Killed,
            _ => SandboxReason.Error,
        };
        var message = info.State == SlurmJobState.Completed
            ? $"{note}: the worker wrote no result (see {folder.Output})"
            : $"{note}{(info.Reason is null ? "" : " (" + info.Reason + ")")}";
        return new SandboxResult
        {
            Reason = why,
            ExitCode = info.ExitCode,
            Duration = elapsed,
            OutputHead = tail,
            OutputBytes = output.Length,
            Message = why switch
            {
                SandboxReason.Timeout => $"killed after the time limit of {job.TimeLimit.TotalSeconds:0.#} s; {message}",
                SandboxReason.Killed => $"killed: the run was cancelled; {message}",
                _ => message,
            },
        };
    }

    private static SandboxResult Failed(SandboxJob job, TimeSpan elapsed, string message) => new()
    {
        Reason = SandboxReason.Error,
        Duration = elapsed,
        Message = "could not submit the Slurm job: " + message,
    };

    private void WarnWhenNotShared(SandboxJob job)
    {
        var shared = Path.GetFullPath(_runner.Options.SharedDirectory) + Path.DirectorySeparatorChar;
        var outside = new[] { job.HostRoot }.Concat(job.Mounts.Select(m => m.HostPath))
            .Select(Path.GetFullPath).FirstOrDefault(p => !(p + Path.DirectorySeparatorChar).StartsWith(shared, StringComparison.Ordinal));
        if (outside is not null && Interlocked.Exchange(ref _warnedShared, 1) == 0)
        {
            _logger.LogWarning("{Path} is outside the Slurm shared folder {Shared}: compute nodes must see it at the same path", outside, shared);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
