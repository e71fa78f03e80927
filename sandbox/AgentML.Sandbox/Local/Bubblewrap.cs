namespace AgentML.Sandbox.Local;

/// <summary>
/// The bubblewrap (bwrap) command line that gives a program a fresh root: read-only system paths Python needs
/// (/usr, the /bin, /lib... links, a few /etc entries), a new /proc and /dev, a private /tmp, the job's root at its
/// host path with the job's mounts on it (read-only where asked), and nothing else of the host. Network, pid, ipc
/// and uts namespaces are new; as root no user namespace is needed (the program then drops to an unprivileged uid
/// with setpriv), otherwise bwrap makes one.
/// </summary>
public static class Bubblewrap
{
    /// <summary>Top-level folders that are links into /usr on merged-/usr systems, or read-only binds elsewhere.</summary>
    public static IReadOnlyList<string> SystemFolders { get; } = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>
    /// The /etc entries a Python ML stack reads: the loader cache and Debian's alternatives (libblas.so.3 resolves
    /// through them), users and groups, certificates, fonts, time zone, matplotlib and Python configuration.
    /// </summary>
    public static IReadOnlyList<string> EtcEntries { get; } =
    [
        "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/passwd", "/etc/group",
        "/etc/nsswitch.conf", "/etc/hosts", "/etc/localtime", "/etc/timezone", "/etc/ssl", "/etc/ca-certificates",
        "/etc/fonts", "/etc/mime.types", "/etc/matplotlibrc", "/etc/python3", "/etc/os-release",
    ];

    /// <summary>Namespaces bwrap creates as root (the user namespace stays the host's, so setpriv can drop to a real uid).</summary>
    public static IReadOnlyList<string> RootNamespaceArguments { get; } =
        ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"];

    /// <summary>Namespaces bwrap creates without root (a user namespace makes the others possible; the program cannot nest another).</summary>
    public static IReadOnlyList<string> UserNamespaceArguments { get; } = ["--unshare-all", "--unshare-user", "--disable-userns"];

    /// <summary>
    /// The bwrap arguments up to the program's command: <paramref name="root"/> bound read-write at its own path,
    /// each mount at its target, <paramref name="extraReadOnly"/> (e.g. an interpreter outside /usr) read-only,
    /// the working directory <paramref name="workingDirectory"/>.
    /// </summary>
    public static IReadOnlyList<string> Arguments(
        bool asRoot, string root, IEnumerable<ResolvedMount> mounts, IEnumerable<string> extraReadOnly, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(extraReadOnly);
        var args = new Layout(asRoot);
        args.System();
        foreach (var path in extraReadOnly.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(p => !args.Covers(p) && Path.Exists(p)))
        {
            args.Bind("--ro-bind", path, path);
        }

        args.Bind("--bind", root, root);
        foreach (var mount in mounts.Where(m => !m.InPlace || m.ReadOnly))
        {
            args.Bind(mount.ReadOnly ? "--ro-bind" : "--bind", mount.HostPath, mount.HostTarget);
        }

        args.Add("--chdir", workingDirectory, "--");
        return args.Items;
    }

    /// <summary>The arguments of the availability probe: the same layout around an empty root.</summary>
    public static IReadOnlyList<string> ProbeArguments(bool asRoot)
    {
        var args = new Layout(asRoot);
        args.System();
        args.Add("--", "/usr/bin/true");
        return args.Items;
    }

    /// <summary>Accumulates arguments and creates parent folders (mode 0755: bwrap's own are 0700) before each bind.</summary>
    private sealed class Layout
    {
        private readonly HashSet<string> _present = new(StringComparer.Ordinal) { "/" };
        private readonly List<string> _bound = [];

        public Layout(bool asRoot)
        {
            // No --die-with-parent: it is PR_SET_PDEATHSIG, which fires when the parent *thread* ends, and .NET starts
            // processes on whatever pool thread asks, which the pool later retires: programs were SIGKILLed mid-run
            // (exit 137). The run's process group and cgroup are killed at its end, and groups left by a dead AgentML
            // are reaped when the next one starts.
            Items.AddRange(asRoot ? RootNamespaceArguments : UserNamespaceArguments);
        }

        public List<string> Items { get; } = [];

        public void Add(params string[] items) => Items.AddRange(items);

        /// <summary>True when <paramref name="path"/> already is inside a bound system folder.</summary>
        public bool Covers(string path) => _bound.Exists(b => path == b || path.StartsWith(b + "/", StringComparison.Ordinal));

        public void System()
        {
            foreach (var folder in SystemFolders)
            {
                var info = new DirectoryInfo(folder);
                if (info.LinkTarget is { } target)
                {
                    Add("--symlink", target, folder);
                    _present.Add(folder);
                }
                else if (info.Exists)
                {
                    Bind("--ro-bind", folder, folder);
                    _bound.Add(folder);
                }
            }

            foreach (var entry in EtcEntries.Where(Path.Exists))
            {
                Bind("--ro-bind", entry, entry);
            }

            Add("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/dev/shm", "--perms", "1777", "--tmpfs", "/tmp");
            _present.UnionWith(["/proc", "/dev", "/dev/shm", "/tmp"]);
            var cpus = "/sys/devices/system/cpu";
            if (Directory.Exists(cpus))
            {
                Bind("--ro-bind", cpus, cpus); // CPU counts for OpenBLAS, OpenMP and joblib
            }
        }

        public void Bind(string kind, string source, string target)
        {
            Parents(target);
            Add(kind, source, target);
            _present.Add(target);
        }

        private void Parents(string target)
        {
            var parent = Path.GetDirectoryName(target);
            if (parent is null || _present.Contains(parent))
            {
                return;
            }

            Parents(parent);
            Add("--perms", "0755", "--dir", parent);
            _present.Add(parent);
        }
    }
}
