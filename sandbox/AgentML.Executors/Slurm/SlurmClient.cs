using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace AgentML.Executors.Slurm;

/// <summary>A Slurm command that failed (not found, refused, or the controller did not answer).</summary>
public sealed class SlurmCommandException(string message) : Exception(message);

/// <summary>One batch job to submit: a script file, where its output goes and what it may use.</summary>
public sealed record SlurmSubmission
{
    public required string Name { get; init; }

    /// <summary>The batch script (a file on the shared folder).</summary>
    public required string ScriptPath { get; init; }

    /// <summary>stdout and stderr of the job (a file on the shared folder).</summary>
    public required string OutputPath { get; init; }

    public required string WorkingDirectory { get; init; }

    public required TimeSpan TimeLimit { get; init; }

    public int Cpus { get; init; } = 1;

    public int MemoryMb { get; init; } = 4096;
}

/// <summary>
/// Talks to Slurm through its commands (sbatch, scontrol, sacct, scancel), as a user at a login node would. Queries
/// are retried a few times (a busy controller times out); a job Slurm no longer knows is reported as null.
/// </summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly SlurmOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public SlurmClient(SlurmOptions options, ILogger<SlurmClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _logger = logger ?? NullLogger<SlurmClient>.Instance;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SlurmCommandException>(),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    /// <summary>The sbatch arguments of <paramref name="submission"/> with the cluster options (public for tests and docs).</summary>
    public IReadOnlyList<string> SbatchArguments(SlurmSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var args = new List<string>
        {
            "--parsable",
            "--job-name=" + submission.Name,
            "--output=" + submission.OutputPath,
            "--chdir=" + submission.WorkingDirectory,
            "--time=" + FormatTime(submission.TimeLimit),
            "--nodes=1",
            "--ntasks=1",
            "--cpus-per-task=" + (_options.Cpus ?? Math.Max(1, submission.Cpus)).ToString(CultureInfo.InvariantCulture),
            "--mem=" + (_options.MemoryMb ?? Math.Max(64, submission.MemoryMb)).ToString(CultureInfo.InvariantCulture),
            "--no-requeue",
        };
        AddIf(args, "--partition=", _options.Partition);
        AddIf(args, "--account=", _options.Account);
        AddIf(args, "--qos=", _options.Qos);
        AddIf(args, "--gres=", _options.Gres);
        args.AddRange(_options.ExtraArgs);
        args.Add(submission.ScriptPath);
        return args;
    }

    /// <summary>Submits a job; returns its id. Not retried: a retry could submit twice.</summary>
    public async Task<string> SubmitAsync(SlurmSubmission submission, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("sbatch", SbatchArguments(submission), cancellationToken).ConfigureAwait(false);
        var id = stdout.Trim().Split(';')[0];
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new SlurmCommandException($"sbatch failed (exit {code}): {FirstLine(stderr) ?? FirstLine(stdout) ?? "no output"}");
        }

        _logger.LogInformation("Submitted Slurm job {JobId} ({Name})", id, submission.Name);
        return id;
    }

    /// <summary>The job's state, or null when Slurm no longer knows it (purged and no accounting).</summary>
    public async Task<SlurmJobInfo?> QueryAsync(string jobId, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            var (code, stdout, stderr) = await RunAsync("scontrol", ["show", "job", "-o", jobId], ct).ConfigureAwait(false);
            if (code == 0 && ParseScontrol(jobId, stdout) is { } info)
            {
                return info;
            }

            if (code != 0 && !stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            {
                throw new SlurmCommandException($"scontrol show job {jobId} failed (exit {code}): {FirstLine(stderr) ?? "no output"}");
            }

            return await QueryAccountingAsync(jobId, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a job (scancel); a job that already ended is not an error.</summary>
    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        var (code, _, stderr) = await RunAsync("scancel", [jobId], cancellationToken).ConfigureAwait(false);
        if (code != 0 && !stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) && !stderr.Contains("already completing", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlurmCommandException($"scancel {jobId} failed (exit {code}): {FirstLine(stderr) ?? "no output"}");
        }

        _logger.LogInformation("Cancelled Slurm job {JobId}", jobId);
    }

    /// <summary>Parses one line of `scontrol show job -o`.</summary>
    internal static SlurmJobInfo? ParseScontrol(string jobId, string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("JobId=" + jobId + " ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        string? Field(string name)
        {
            var at = line.IndexOf(" " + name + "=", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var start = at + name.Length + 2;
            var end = line.IndexOf(' ', start);
            return end < 0 ? line[start..] : line[start..end];
        }

        return new SlurmJobInfo(jobId, SlurmStates.Parse(Field("JobState")), Field("Reason") is { } r && r != "None" ? r : null, ParseExitCode(Field("ExitCode")));
    }

    /// <summary>"2:0" → 2 (the job's exit code; the part after the colon is the signal).</summary>
    internal static int? ParseExitCode(string? text) =>
        text is not null && int.TryParse(text.Split(':')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;

    private async Task<SlurmJobInfo?> QueryAccountingAsync(string jobId, CancellationToken cancellationToken)
    {
        (int Code, string Stdout, string Stderr) result;
        try
        {
            result = await RunAsync("sacct", ["-n", "-P", "-X", "-j", jobId, "-o", "JobIDRaw,State,ExitCode"], cancellationToken).ConfigureAwait(false);
        }
        catch (SlurmCommandException)
        {
            return null;
        }

        var row = result.Code == 0
            ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('|')).FirstOrDefault(f => f.Length >= 3 && f[0] == jobId)
            : null;
        return row is null ? null : new SlurmJobInfo(jobId, SlurmStates.Parse(row[1]), null, ParseExitCode(row[2]));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmCommandException($"{command} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SlurmCommandException($"{command} is not available ({ex.Message}); install Slurm's client commands or run scripts/setup.sh --slurm.");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new SlurmCommandException($"{command} did not answer within {CommandTimeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>Slurm's D-HH:MM:SS, rounded up to whole minutes (Slurm's own granularity), at least one minute.</summary>
    internal static string FormatTime(TimeSpan limit)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(limit.TotalMinutes));
        var t = TimeSpan.FromMinutes(minutes);
        return string.Create(CultureInfo.InvariantCulture, $"{t.Days}-{t.Hours:00}:{t.Minutes:00}:00");
    }

    private static void AddIf(List<string> args, string prefix, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            args.Add(prefix + value.Trim());
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
