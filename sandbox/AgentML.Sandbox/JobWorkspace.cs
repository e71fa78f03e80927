using AgentML.Sandbox.Local;

namespace AgentML.Sandbox;

/// <summary>A mount resolved against the back end's root: where it lives on the host and where the program sees it.</summary>
public sealed record ResolvedMount(string HostPath, string Target, string HostTarget, bool ReadOnly)
{
    /// <summary>True when the host folder already is the target under the host root (no bind needed).</summary>
    public bool InPlace => string.Equals(Path.TrimEndingDirectorySeparator(HostPath), Path.TrimEndingDirectorySeparator(HostTarget), StringComparison.Ordinal);
}

/// <summary>
/// Lays out a job's host root: validates the mounts, writes the job's files, creates mount points (or symlinks
/// where no mount namespace is available) and hands the writable folders to the user the program runs as.
/// </summary>
public static class JobWorkspace
{
    /// <summary>The owner to give writable folders: a uid/gid, or null to leave ownership alone.</summary>
    public readonly record struct Owner(int Uid, int Gid);

    public static IReadOnlyList<ResolvedMount> Prepare(SandboxJob job, Owner? owner, bool symlinkMounts)
    {
        ArgumentNullException.ThrowIfNull(job);
        var root = RootOf(job);
        Directory.CreateDirectory(root);
        var mounts = job.Mounts.Select(m => Resolve(root, m)).ToArray();
        foreach (var (relative, content) in job.Files)
        {
            var path = Inside(root, relative, "file");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        foreach (var mount in mounts.Where(m => !m.InPlace))
        {
            CreateMountPoint(mount, symlinkMounts);
        }

        Directory.CreateDirectory(Path.Combine(root, job.WorkingDirectory));
        GrantWrite(root, owner, recursive: false);
        foreach (var mount in mounts.Where(m => !m.ReadOnly))
        {
            GrantWrite(mount.HostPath, owner, recursive: true);
        }

        return mounts;
    }

    /// <summary>The full host root of a job.</summary>
    public static string RootOf(SandboxJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(job.HostRoot));
    }

    /// <summary>Makes a folder writable by <paramref name="owner"/> (chown as root, else open its mode).</summary>
    public static void GrantWrite(string path, Owner? owner, bool recursive)
    {
        if (owner is null || !Path.Exists(path))
        {
            return;
        }

        Apply(path, owner.Value);
        if (recursive && Directory.Exists(path) && !IsSymlink(path))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                Apply(entry, owner.Value);
            }
        }
    }

    private static void Apply(string path, Owner owner)
    {
        if (NativeMethods.IsRoot)
        {
            NativeMethods.Chown(path, owner.Uid, owner.Gid);
        }
        else if (!OperatingSystem.IsWindows() && Directory.Exists(path) && !IsSymlink(path))
        {
            try
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours: the program may not be able to write there, which it will report.
            }
        }
    }

    private static ResolvedMount Resolve(string root, SandboxMount mount)
    {
        var hostPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mount.HostPath));
        if (!Path.Exists(hostPath))
        {
            throw new UserFacingException($"Sandbox mount '{mount.Target}': the host path {hostPath} does not exist.");
        }

        return new ResolvedMount(hostPath, mount.Target, Inside(root, mount.Target, "mount target"), mount.ReadOnly);
    }

    private static string Inside(string root, string relative, string what)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"Sandbox {what} '{relative}' must be a path relative to the sandbox root.");
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Sandbox {what} '{relative}' leaves the sandbox root.");
        }

        return Path.TrimEndingDirectorySeparator(full);
    }

    private static void CreateMountPoint(ResolvedMount mount, bool symlink)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(mount.HostTarget)!);
        var existing = new FileInfo(mount.HostTarget);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }

        if (symlink)
        {
            if (Directory.Exists(mount.HostTarget))
            {
                Directory.Delete(mount.HostTarget); // an empty mount point left by a namespaced run
            }

            File.CreateSymbolicLink(mount.HostTarget, mount.HostPath);
        }
        else if (File.Exists(mount.HostPath))
        {
            if (!File.Exists(mount.HostTarget))
            {
                File.WriteAllBytes(mount.HostTarget, []);
            }
        }
        else
        {
            Directory.CreateDirectory(mount.HostTarget);
        }
    }

    private static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;
}
