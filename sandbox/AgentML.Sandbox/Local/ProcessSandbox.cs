using System.Diagnostics;
using System.Globalization;
using AgentML.Sandbox.Output;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Sandbox.Local;

/// <summary>
/// Runs a job as a local child process in its own process group (setsid). With bubblewrap (the default where it
/// works) the launcher joins the run's cgroups and execs bwrap, which gives the program a fresh root holding only
/// the job's folders, a private /tmp and read-only system paths, in new network/pid/mount namespaces; as root the
/// program then drops to an unprivileged uid (setpriv). As root without bubblewrap: <c>unshare --net --mount --pid</c>
/// and bind mounts, the host's file system visible. Without root or bubblewrap: a process group, an rlimit and
/// symlinks. The whole tree (process group, pid namespace, cgroup) is killed on timeout, cancel or exit; the
/// result's message says what is not isolated.
/// </summary>
public sealed class ProcessSandbox : ISandbox
{
    private static int RunCounter;
    private static int Warned;
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PythonLocator _locator;

    public ProcessSandbox(SandboxOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<ProcessSandbox>();
        _locator = new PythonLocator(factory.CreateLogger<PythonLocator>());
    }

    public string Name => SandboxKinds.Process;

    /// <summary>The isolation this machine allows (probed once).</summary>
    public Task<ProcessIsolation> IsolationAsync(CancellationToken cancellationToken) => ProcessIsolation.DetectAsync(_options, cancellationToken);

    /// <summary>The interpreter "python" stands for.</summary>
    public Task<PythonInfo> PythonAsync(CancellationToken cancellationToken) => _locator.LocateAsync(_options.PythonPath, cancellationToken);

    public async Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ProcessIsolation isolation;
        PythonInfo python;
        try
        {
            isolation = await IsolationAsync(cancellationToken).ConfigureAwait(false);
            python = await PythonAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SandboxOutcome.CancelledBeforeStart(job);
        }

        WarnOnce(isolation);
        var root = JobWorkspace.RootOf(job);
        var notes = new List<string>(isolation.Warnings);
        // bubblewrap binds as root and recreates the root's parents world-traversable; otherwise the uid must reach it.
        var dropUser = isolation.DropPrivileges && (isolation.FreshRoot || ReachableByOthers(root, notes));
        JobWorkspace.Owner? owner = dropUser ? new(_options.ProcessUid, _options.ProcessGid) : null;
        var mounts = JobWorkspace.Prepare(job, owner, symlinkMounts: !isolation.Namespaces);
        var tmp = Path.Combine(root, ".tmp");
        Directory.CreateDirectory(tmp);
        JobWorkspace.GrantWrite(tmp, owner, recursive: false);

        var name = string.Create(CultureInfo.InvariantCulture, $"agentml-{Environment.ProcessId}-{Interlocked.Increment(ref RunCounter)}");
        using var cgroup = isolation.Cgroups is { } layout
            ? JobCgroup.TryCreate(layout, name, (long)job.MemoryLimitMb << 20, _options.PidsLimit, job.Threads)
            : null;
        var info = isolation.FreshRoot
            ? BubblewrapStartInfo(job, root, python, isolation, dropUser, cgroup, mounts, tmp)
            : StartInfo(job, root, python.Path, isolation, dropUser, cgroup, mounts, tmp);
        try
        {
            return await ExecuteAsync(job, info, isolation, cgroup, notes, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the program's temporary files go with the root anyway.
        }
    }

    private async Task<SandboxResult> ExecuteAsync(
        SandboxJob job, ProcessStartInfo info, ProcessIsolation isolation, JobCgroup? cgroup, List<string> notes,
        IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        using var process = new System.Diagnostics.Process { StartInfo = info };
        process.Start();
        var start = _time.GetTimestamp();
        process.StandardInput.Close();
        var output = new OutputCollector(_options.OutputHeadBytes, _options.OutputTailBytes, _options.MaxLineBytes, _options.MaxMetricLines, () => _time.GetElapsedTime(start), progress);
        using var drain = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            OutputPump.PumpAsync(process.StandardOutput.BaseStream, output, drain.Token),
            OutputPump.PumpAsync(process.StandardError.BaseStream, output, drain.Token));
        var sampler = cgroup?.LimitsMemory == true ? null : new ProcessTreeSampler(process.Id, _options.MemorySampleInterval, _time);
        _logger.ProcessStarted(string.Join(' ', job.Command), process.Id);

        bool timedOut = false, cancelled = false;
        using (var timeout = new CancellationTokenSource(job.TimeLimit, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
        {
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                cancelled = cancellationToken.IsCancellationRequested;
                timedOut = !cancelled;
            }
        }

        KillTree(process, cgroup, isolation);
        await WaitBoundedAsync(process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
        var duration = _time.GetElapsedTime(start);
        if (!await WaitBoundedAsync(pumps).ConfigureAwait(false))
        {
            await drain.CancelAsync().ConfigureAwait(false);
            notes.Add("output was cut: a process outside the sandbox's reach kept the output pipe open");
        }

        output.Complete();
        long? samplerPeak = null;
        if (sampler is not null)
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
            samplerPeak = sampler.PeakBytes;
        }

        int? exitCode = process.HasExited ? process.ExitCode : null;
        var outOfMemory = cgroup?.LimitsMemory == true ? cgroup.OomKilled : exitCode != 0 && MentionsMemoryError(output);
        var reason = SandboxOutcome.Classify(cancelled, timedOut, outOfMemory, exitCode);
        var peak = cgroup?.PeakBytes ?? samplerPeak;
        return SandboxOutcome.Build(job, reason, exitCode, duration, peak, output, notes);
    }

    /// <summary>
    /// <c>setsid sh -c bwrap-launcher CGROUPS MEMORY bwrap ... [setpriv ... --] COMMAND</c>: the program in a fresh root
    /// where "python" and the root keep their host paths (so "{root}" and the job's paths mean the same inside).
    /// </summary>
    private ProcessStartInfo BubblewrapStartInfo(
        SandboxJob job, string root, PythonInfo python, ProcessIsolation isolation, bool dropUser, JobCgroup? cgroup,
        IReadOnlyList<ResolvedMount> mounts, string tmp)
    {
        var info = NewStartInfo(job, root, tmp);
        var interpreter = Path.IsPathRooted(python.Path) ? [.. python.Prefixes, Path.GetDirectoryName(python.Path)!] : python.Prefixes;
        IEnumerable<string> args =
        [
            "sh", "-c", SandboxAssets.Read(SandboxAssets.BubblewrapLauncher), "agentml-sandbox",
            cgroup is null ? "-" : string.Join(':', cgroup.ProcsFiles),
            cgroup?.LimitsMemory == true ? "-" : ((long)job.MemoryLimitMb * 1024).ToString(CultureInfo.InvariantCulture),
            isolation.BubblewrapPath!,
            .. Bubblewrap.Arguments(isolation.IsRoot, root, mounts, interpreter, Path.Combine(root, job.WorkingDirectory)),
            .. dropUser ? ["setpriv", .. ProcessIsolation.SetprivArguments(_options)] : Array.Empty<string>(),
            .. SandboxEnvironment.Command(job, root, python.Path),
        ];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private static ProcessStartInfo NewStartInfo(SandboxJob job, string root, string tmp)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.Environment.Clear();
        foreach (var (key, value) in SandboxEnvironment.Build(job, root))
        {
            info.Environment[key] = value;
        }

        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment.TryAdd("TMPDIR", tmp);
        return info;
    }

    private ProcessStartInfo StartInfo(
        SandboxJob job, string root, string python, ProcessIsolation isolation, bool dropUser, JobCgroup? cgroup,
        IReadOnlyList<ResolvedMount> mounts, string tmp)
    {
        var info = NewStartInfo(job, root, tmp);
        var args = info.ArgumentList;
        if (isolation.Namespaces)
        {
            args.Add("unshare");
            foreach (var a in ProcessIsolation.UnshareArguments)
            {
                args.Add(a);
            }

            args.Add("--");
        }

        string[] launcher =
        [
            "sh", "-c", SandboxAssets.Read(SandboxAssets.Launcher), "agentml-sandbox",
            cgroup is null ? "-" : string.Join(':', cgroup.ProcsFiles),
            dropUser ? $"{_options.ProcessUid}:{_options.ProcessGid}" : "-",
            cgroup?.LimitsMemory == true ? "-" : ((long)job.MemoryLimitMb * 1024).ToString(CultureInfo.InvariantCulture),
            Path.Combine(root, job.WorkingDirectory),
        ];
        var binds = isolation.Namespaces ? mounts.Where(m => !m.InPlace || m.ReadOnly).ToArray() : [];
        IEnumerable<string> tail =
        [
            .. launcher,
            binds.Length.ToString(CultureInfo.InvariantCulture),
            .. binds.SelectMany(m => new[] { m.HostPath, m.HostTarget, m.ReadOnly ? "ro" : "rw" }),
            "--",
            .. SandboxEnvironment.Command(job, root, python),
        ];
        foreach (var a in tail)
        {
            args.Add(a);
        }

        return info;
    }

    private static void KillTree(System.Diagnostics.Process process, JobCgroup? cgroup, ProcessIsolation isolation)
    {
        // Without a cgroup or pid namespace, a child that left the process group is only found by walking the tree
        // before its parents die (it is then re-parented away from us).
        var strays = cgroup is null && !isolation.Namespaces ? ProcessTree.Descendants(process.Id) : [];

        // setsid made the child a process-group leader; as root its pid namespace dies with it.
        NativeMethods.Kill(-process.Id);
        NativeMethods.Kill(process.Id);
        foreach (var pid in strays)
        {
            NativeMethods.Kill(pid);
        }

        cgroup?.KillAll();
    }

    private async Task<bool> WaitBoundedAsync(Task task)
    {
        var finished = await Task.WhenAny(task, Task.Delay(_options.DrainTimeout, _time)).ConfigureAwait(false);
        return finished == task;
    }

    private static bool MentionsMemoryError(OutputCollector output)
    {
        var (head, tail, _, _) = output.Snapshot();
        return tail.Contains("MemoryError", StringComparison.Ordinal) || head.Contains("MemoryError", StringComparison.Ordinal);
    }

    /// <summary>The unprivileged uid must be able to reach the root: every ancestor needs o+x.</summary>
    private static bool ReachableByOthers(string root, List<string> notes)
    {
        for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                notes.Add($"the program runs as root because {dir.FullName} is not accessible to other users (chmod o+x it, or use another sandbox root)");
                return false;
            }
        }

        return true;
    }

    private void WarnOnce(ProcessIsolation isolation)
    {
        if (Interlocked.Exchange(ref Warned, 1) == 0)
        {
            foreach (var warning in isolation.Warnings)
            {
                _logger.IsolationWarning(warning);
            }
        }
    }
}
