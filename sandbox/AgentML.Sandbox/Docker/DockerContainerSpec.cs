using Docker.DotNet.Models;

namespace AgentML.Sandbox.Docker;

/// <summary>
/// The container for one job: the host root bound at <see cref="SandboxJob.ContainerRoot"/> (default <see cref="SandboxJob.DockerRoot"/>), the mounts under it
/// (read-only where asked), no network, memory without swap, a CPU quota from the threads, a pids limit,
/// no capabilities, no new privileges, an init process, no log driver (output is streamed by attach), labels.
/// </summary>
public static class DockerContainerSpec
{
    public static CreateContainerParameters Create(SandboxJob job, string hostRoot, IReadOnlyList<ResolvedMount> mounts, string image, string name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var root = string.IsNullOrEmpty(job.ContainerRoot) ? SandboxJob.DockerRoot : job.ContainerRoot.TrimEnd('/');
        var memory = (long)job.MemoryLimitMb << 20;
        var cpus = Math.Clamp(job.Threads, 1, Environment.ProcessorCount);
        var binds = Binds(job, hostRoot, root, mounts);
        var labels = new Dictionary<string, string>(job.Labels, StringComparer.Ordinal)
        {
            [SandboxImage.SandboxLabel] = SandboxImage.Version,
            [SandboxImage.OwnerLabel] = DockerEngine.OwnerId,
            [SandboxImage.OwnerStartLabel] = DockerEngine.OwnerStart,
        };
        return new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Cmd = SandboxEnvironment.Command(job, root, "python3").ToList(),
            WorkingDir = job.WorkingDirectory.Length == 0 ? root : root + "/" + job.WorkingDirectory.Trim('/'),
            Env = SandboxEnvironment.Build(job, root).Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Labels = labels,
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            OpenStdin = false,
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Memory = memory,
                MemorySwap = memory,
                NanoCPUs = cpus * 1_000_000_000L,
                PidsLimit = options.PidsLimit,
                Mounts = binds,
                LogConfig = new LogConfig { Type = "none" },
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                Init = true,
                AutoRemove = false,
            },
        };
    }

    /// <summary>What every container of the Docker back end is given, one line per mechanism (for `agentml sandbox check`).</summary>
    public static IReadOnlyList<string> Describe(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            $"files: the image's own file system; of the host only the job's root (at {SandboxJob.DockerRoot}) and its mounts",
            "network: none (--network none)",
            "process tree: own pid namespace with an init process; the container is killed and removed as a whole",
            "input: read-only bind mount",
            $"user: the image's non-root user (uid {options.ContainerUid}), no capabilities, no new privileges",
            "memory: the job's limit without swap; peak from the container's cgroup, OOM kills from the engine",
            $"processes: pids limit {options.PidsLimit}",
            "cpu: thread variables + a CPU quota of the job's threads",
        ];
    }

    /// <summary>
    /// The AgentML image gets the whole host root bound at the container root, mounts over it. A custom image
    /// (<see cref="SandboxJob.Image"/>, e.g. a bench agent's) keeps what it has under the root (its code in
    /// /home/agent): only the mounts and the job's files are bound, one by one.
    /// </summary>
    private static List<Mount> Binds(SandboxJob job, string hostRoot, string root, IReadOnlyList<ResolvedMount> mounts)
    {
        string Inside(string relative) => root + "/" + relative.Replace('\\', '/').Trim('/');
        if (job.Image is null)
        {
            var binds = new List<Mount> { Bind(hostRoot, root, readOnly: false) };
            binds.AddRange(mounts.Where(m => !m.InPlace || m.ReadOnly).Select(m => Bind(m.HostPath, Inside(m.Target), m.ReadOnly)));
            return binds;
        }

        var own = mounts.Select(m => Bind(m.HostPath, Inside(m.Target), m.ReadOnly)).ToList();
        own.AddRange(job.Files.Keys.Select(f => Bind(Path.Combine(hostRoot, f), Inside(f), readOnly: true)));
        return own;
    }

    private static Mount Bind(string source, string target, bool readOnly) => new()
    {
        Type = "bind",
        Source = source,
        Target = target,
        ReadOnly = readOnly,
    };
}
