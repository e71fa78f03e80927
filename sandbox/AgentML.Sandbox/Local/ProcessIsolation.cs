namespace AgentML.Sandbox.Local;

/// <summary>
/// What the process back end can enforce on this machine, probed once per process:
/// as root, fresh network/mount/pid namespaces (unshare), read-only bind mounts, the program run as an
/// unprivileged uid (setpriv) and cgroup limits (memory, pids, cpu); otherwise a process group, an
/// address-space rlimit and symlinked mounts, with warnings saying so.
/// </summary>
public sealed record ProcessIsolation(bool IsRoot, bool Namespaces, bool DropPrivileges, CgroupLayout? Cgroups, IReadOnlyList<string> Warnings)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ProcessIsolation? _current;

    /// <summary>Namespaces unshare creates for each run (network, mount, pid) as root.</summary>
    public static IReadOnlyList<string> UnshareArguments { get; } =
        ["--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private"];

    /// <summary>Probes once and caches the answer.</summary>
    public static async Task<ProcessIsolation> DetectAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_current is { } known)
        {
            return known;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _current ??= await ProbeAsync(options, cancellationToken).ConfigureAwait(false);
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
        return
        [
            Namespaces ? "network: none (own network namespace, unshare -n)" : "network: NOT isolated",
            Namespaces ? "process tree: own pid namespace + process group, killed as a whole" : "process tree: own process group (setsid), killed as a whole",
            Namespaces ? "input: read-only bind mount in a private mount namespace" : "input: symlink, NOT read-only",
            DropPrivileges ? "user: nobody-like uid via setpriv (no capabilities, no new privileges)" : "user: same as AgentML",
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
        var namespaces = isRoot
            && (await ProcessRunner.RunAsync("unshare", [.. UnshareArguments, "true"], timeout, null, cancellationToken).ConfigureAwait(false)).Succeeded;
        var drop = isRoot
            && (await ProcessRunner.RunAsync("setpriv", [.. SetprivArguments(options), "true"], timeout, null, cancellationToken).ConfigureAwait(false)).Succeeded;

        CgroupLayout? cgroups = null;
        if (isRoot && CgroupLayout.Detect() is { } layout)
        {
            JobCgroup.ReapStale(layout);
            using var probe = JobCgroup.TryCreate(layout, $"agentml-probe-{Environment.ProcessId}", 64L << 20, 16, 1);
            cgroups = probe is null ? null : layout;
        }

        if (!isRoot)
        {
            warnings.Add("The process sandbox is not running as root: the program has network access, can write its input and runs as our user. Use --sandbox docker for stronger isolation.");
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

        return new ProcessIsolation(isRoot, namespaces, drop, cgroups, warnings);
    }

    /// <summary>The setpriv arguments the launcher uses (kept here too for the probe).</summary>
    internal static IReadOnlyList<string> SetprivArguments(SandboxOptions options) =>
        [$"--reuid={options.ProcessUid}", $"--regid={options.ProcessGid}", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"];
}
