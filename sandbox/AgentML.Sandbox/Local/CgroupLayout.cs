namespace AgentML.Sandbox.Local;

/// <summary>
/// Where this process may create child cgroups for the memory, pids and cpu controllers: cgroup v2 (unified,
/// with the controller enabled) or v1 (one hierarchy per controller). Found from /proc/self/mountinfo and
/// /proc/self/cgroup; a controller is usable only if a probe child can be created and limited.
/// </summary>
public sealed record CgroupLayout(int Version, string? MemoryParent, string? PidsParent, string? CpuParent)
{
    /// <summary>
    /// The memory cgroup folder of any process (e.g. a container's init, from our mount namespace's view of
    /// the cgroup file systems) and its cgroup version.
    /// </summary>
    public static (string Directory, int Version)? MemoryDirectoryOf(int pid)
    {
        try
        {
            var (mounts, memberships) = Read(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var v1 = mounts.FirstOrDefault(m => m.Version == 1 && m.Options.Contains("memory"));
            var v1Path = memberships.FirstOrDefault(m => m.Controllers.Contains("memory")).Path;
            if (v1 is not null && v1Path is not null)
            {
                return (Combine(v1, v1Path), 1);
            }

            var v2 = mounts.FirstOrDefault(m => m.Version == 2);
            var v2Path = memberships.FirstOrDefault(m => m.Controllers is [""]).Path;
            return v2 is not null && v2Path is not null ? (Combine(v2, v2Path), 2) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process is gone, or not visible from here
        }
    }

    public static CgroupLayout? Detect()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/mountinfo"))
        {
            return null;
        }

        var (mounts, memberships) = Read("self");

        var unified = mounts.FirstOrDefault(m => m.Version == 2);
        var unifiedPath = memberships.FirstOrDefault(m => m.Controllers is [""]).Path;
        if (unified is not null && unifiedPath is not null)
        {
            var dir = Combine(unified, unifiedPath);
            var available = ReadWords(Path.Combine(dir, "cgroup.controllers"));
            if (available.Contains("memory"))
            {
                TryEnable(dir, available);
                var enabled = ReadWords(Path.Combine(dir, "cgroup.subtree_control"));
                string? Parent(string controller) => enabled.Contains(controller) ? dir : null;
                return new CgroupLayout(2, Parent("memory"), Parent("pids"), Parent("cpu"));
            }
        }

        string? V1(string controller)
        {
            var mount = mounts.FirstOrDefault(m => m.Version == 1 && m.Options.Contains(controller));
            var membership = memberships.FirstOrDefault(m => m.Controllers.Contains(controller));
            return mount is null || membership.Path is null ? null : Combine(mount, membership.Path);
        }

        var layout = new CgroupLayout(1, V1("memory"), V1("pids"), V1("cpu"));
        return layout.MemoryParent is null && layout.PidsParent is null ? null : layout;
    }

    private static (CgroupMount[] Mounts, (string[] Controllers, string Path)[] Memberships) Read(string pid) =>
        (File.ReadAllLines("/proc/self/mountinfo").Select(ParseMount).OfType<CgroupMount>().ToArray(),
         File.ReadAllLines($"/proc/{pid}/cgroup").Select(ParseMembership).OfType<(string[] Controllers, string Path)>().ToArray());

    private sealed record CgroupMount(int Version, string Root, string MountPoint, string[] Options);

    private static CgroupMount? ParseMount(string line)
    {
        // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
        var parts = line.Split(' ');
        var separator = Array.IndexOf(parts, "-");
        if (separator < 0 || separator + 3 >= parts.Length)
        {
            return null;
        }

        var version = parts[separator + 1] switch { "cgroup2" => 2, "cgroup" => 1, _ => 0 };
        return version == 0 ? null : new CgroupMount(version, Unescape(parts[3]), Unescape(parts[4]), parts[separator + 3].Split(','));
    }

    private static (string[] Controllers, string Path)? ParseMembership(string line)
    {
        var parts = line.Split(':', 3);
        return parts.Length == 3 ? (parts[1].Split(','), parts[2]) : null;
    }

    private static string Combine(CgroupMount mount, string path)
    {
        var relative = mount.Root != "/" && path.StartsWith(mount.Root, StringComparison.Ordinal) ? path[mount.Root.Length..] : path;
        return Path.TrimEndingDirectorySeparator(Path.Combine(mount.MountPoint, relative.TrimStart('/')));
    }

    private static void TryEnable(string dir, HashSet<string> available)
    {
        foreach (var controller in new[] { "memory", "pids", "cpu" }.Where(available.Contains))
        {
            try
            {
                File.WriteAllText(Path.Combine(dir, "cgroup.subtree_control"), "+" + controller);
            }
            catch (IOException)
            {
                // A cgroup with processes cannot delegate controllers (no internal processes rule).
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static HashSet<string> ReadWords(string file)
    {
        try
        {
            return [.. File.ReadAllText(file).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Unescape(string path) => path.Replace("\\040", " ", StringComparison.Ordinal);
}
