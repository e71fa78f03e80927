namespace AgentML.Sandbox.Local;

/// <summary>
/// Where this process may create child cgroups for the memory, pids and cpu controllers: cgroup v2 (unified,
/// with the controller enabled) or v1 (one hierarchy per controller). Found from /proc/self/mountinfo and
/// /proc/self/cgroup; a controller is usable only if a probe child can be created and limited.
/// </summary>
public sealed record CgroupLayout(int Version, string? MemoryParent, string? PidsParent, string? CpuParent)
{
    public static CgroupLayout? Detect()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/mountinfo"))
        {
            return null;
        }

        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(ParseMount).OfType<CgroupMount>().ToArray();
        var memberships = File.ReadAllLines("/proc/self/cgroup").Select(ParseMembership).OfType<(string[] Controllers, string Path)>().ToArray();

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
