namespace AgentML.Sandbox.Local;

/// <summary>
/// What the process back end can enforce on this machine, probed once per process (and bubblewrap setting):
/// with bubblewrap (<see cref="BubblewrapPath"/> set) a fresh root holding only the job (see <see cref="Bubblewrap"/>),
/// new network/pid/mount namespaces and, as root, the program run as an unprivileged uid (setpriv); as root without
/// bubblewrap the same namespaces from unshare but the host's file system stays visible; cgroup limits (memory,
/// pids, cpu) as root; otherwise a process group, an address-space rlimit and symlinked mounts. Warnings name
/// what is not isolated.
/// </summary>
public sealed record ProcessIsolation(bool IsRoot, bool Namespaces, bool DropPrivileges, CgroupLayout? Cgroups, IReadOnlyList<string> Warnings)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, ProcessIsolation> Known = new(StringComparer.Ordinal);

    /// <summary>Namespaces unshare creates for each run (network, mount, pid) as root when bubblewrap is not usable.</summary>
    public static IReadOnlyList<string> UnshareArguments { get; } =
        ["--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private"];

    /// <summary>The bubblewrap executable that builds each program's fresh root; null when it cannot be used here.</summary>
    public string? BubblewrapPath { get; init; }

    /// <summary>True when each program gets a fresh root holding only its job (bubblewrap).</summary>
    public bool FreshRoot => BubblewrapPath is not null;

    /// <summary>Probes once per bubblewrap setting and caches the answer.</summary>
    public static async Task<ProcessIsolation> DetectAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = $"{options.Bubblewrap}|{options.ProcessUid}:{options.ProcessGid}";
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Known.TryGetValue(key, out var isolation))
            {
                isolation = await ProbeAsync(options, cancellationToken).ConfigureAwait(false);
                Known[key] = isolation;
            }

            return isolation;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>One line per mechanism, for `agentml sandbox check` and logs.</summary>
    public IReadOnlyList<string> Describe()
    {
        var memory = Cgroups?.MemoryParent is null ? "address-space rlimit (ulimit -v); MemoryError counts as out-of-memory" : $"cgroup v{Cgroups.Version} memory limit, no swap; peak and OOM kills from the kernel";
        var tool = FreshRoot ? "bubblewrap" : "unshare";
        return
        [
            FreshRoot
                ? "files: fresh root (bubblewrap): only the job's folders, a private /tmp and read-only system paths (/usr, parts of /etc); no other host file is visible"
                : "files: NOT isolated: the host's file system is visible (world-readable files can be read by absolute path, world-writable places such as /tmp written)",
            Namespaces ? $"network: none (own network namespace, {tool})" : "network: NOT isolated",
            Namespaces ? $"process tree: own pid namespace ({tool}) + process group, killed as a whole" : "process tree: own process group (setsid), killed as a whole",
            Namespaces ? "input: read-only bind mount in a private mount namespace" : "input: symlink, NOT read-only",
            DropPrivileges ? "user: nobody-like uid via setpriv (no capabilities, no new privileges)"
                : FreshRoot ? "user: same uid as AgentML, in a user namespace of its own (no capabilities on the host)" : "user: same as AgentML",
            "memory: " + memory,
            Cgroups?.PidsParent is null ? "processes: not limited" : $"processes: cgroup v{Cgroups.Version} pids limit",
            Cgroups?.CpuParent is null ? "cpu: thread variables only" : $"cpu: thread variables + cgroup v{Cgroups.Version} cpu quota",
        ];
    }

    private static async Task<ProcessIsolation> ProbeAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var isRoot = NativeMethods.IsRoot;
        var timeout = TimeSpan.FromSeconds(20);
        var (bwrap, bwrapProblem) = await ProbeBubblewrapAsync(options.Bubblewrap, isRoot, timeout, cancellationToken).ConfigureAwait(false);
        var namespaces = bwrap is not null || (isRoot
            && (await ProcessRunner.RunAsync("unshare", [.. UnshareArguments, "true"], timeout, null, cancellationToken).ConfigureAwait(false)).Succeeded);
        var drop = isRoot
            && (await ProcessRunner.RunAsync("setpriv", [.. SetprivArguments(options), "true"], timeout, null, cancellationToken).ConfigureAwait(false)).Succeeded;

        CgroupLayout? cgroups = null;
        if (isRoot && CgroupLayout.Detect() is { } layout)
        {
            JobCgroup.ReapStale(layout);
            using var probe = JobCgroup.TryCreate(layout, $"agentml-probe-{Environment.ProcessId}", 64L << 20, 16, 1);
            cgroups = probe is null ? null : layout;
        }

        if (bwrap is null)
        {
            warnings.Add(
                $"bubblewrap cannot be used ({bwrapProblem}): the program sees the host's file system, so it can read any world-readable file by absolute path " +
                "(other tasks' answers, the run's development answers), list its job folder's parents and leave files in world-writable places such as /tmp. " +
                "Install bubblewrap (apt-get install bubblewrap) or use --sandbox docker.");
        }

        if (!isRoot)
        {
            warnings.Add(bwrap is null
                ? "The process sandbox is not running as root: the program has network access, can write its input and runs as our user. Use --sandbox docker for stronger isolation."
                : "The process sandbox is not running as root: the program runs as our user (in a user namespace of its own).");
        }
        else
        {
            if (!namespaces)
            {
                warnings.Add("unshare failed: the program has network access and input is not read-only. Use --sandbox docker for stronger isolation.");
            }

            if (!drop)
            {
                warnings.Add("setpriv failed: the program runs as root.");
            }
        }

        if (cgroups is null)
        {
            warnings.Add("No usable memory cgroup: memory is limited by an address-space rlimit, peak memory is sampled and process count is not limited.");
        }

        return new ProcessIsolation(isRoot, namespaces, drop, cgroups, warnings) { BubblewrapPath = bwrap };
    }

    /// <summary>Runs bubblewrap once with the layout every program gets; the executable, or why it cannot be used.</summary>
    private static async Task<(string? Path, string? Problem)> ProbeBubblewrapAsync(string executable, bool isRoot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(executable))
        {
            return (null, "turned off in the sandbox options");
        }

        var result = await ProcessRunner.RunAsync(executable, Bubblewrap.ProbeArguments(isRoot), timeout, null, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return (executable, null);
        }

        var why = (result.StandardError + result.StandardOutput).Trim();
        return (null, result.ExitCode == 127 && why.Contains(executable, StringComparison.Ordinal)
            ? $"{executable} is not installed"
            : $"{executable} failed: {(why.Length == 0 ? $"exit {result.ExitCode}" : why.Split('\n')[0])}");
    }

    /// <summary>The setpriv arguments the launcher uses (kept here too for the probe).</summary>
    internal static IReadOnlyList<string> SetprivArguments(SandboxOptions options) =>
        [$"--reuid={options.ProcessUid}", $"--regid={options.ProcessGid}", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"];
}
