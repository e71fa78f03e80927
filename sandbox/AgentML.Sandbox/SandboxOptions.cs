namespace AgentML.Sandbox;

/// <summary>Names of the sandbox back ends.</summary>
public static class SandboxKinds
{
    public const string Process = "process";

    public const string Docker = "docker";

    public static IReadOnlyList<string> All { get; } = [Process, Docker];
}

/// <summary>How sandboxes are created and what limits they apply beyond those of each <see cref="SandboxJob"/>.</summary>
public sealed record SandboxOptions
{
    /// <summary>"process" or "docker" (see <see cref="SandboxKinds"/>).</summary>
    public string Kind { get; init; } = SandboxKinds.Process;

    /// <summary>Python interpreter of the process back end; null = AGENTML_PYTHON, else the first that imports sklearn.</summary>
    public string? PythonPath { get; init; }

    /// <summary>
    /// The bubblewrap executable the process back end builds each program's fresh root with (only the job's folders,
    /// a private /tmp and read-only system paths); empty = do not use it (the host's file system stays visible).
    /// </summary>
    public string Bubblewrap { get; init; } = "bwrap";

    /// <summary>Docker image of the Docker back end (a job's <see cref="SandboxJob.Image"/> overrides it).</summary>
    public string Image { get; init; } = SandboxImage.DefaultTag;

    /// <summary>Docker endpoint; null = DOCKER_HOST, else unix:///var/run/docker.sock.</summary>
    public string? DockerEndpoint { get; init; }

    /// <summary>Bytes of output kept from the start of a run.</summary>
    public int OutputHeadBytes { get; init; } = 16 * 1024;

    /// <summary>Bytes of output kept from the end of a run.</summary>
    public int OutputTailBytes { get; init; } = 48 * 1024;

    /// <summary>Longest output line inspected for an AGENTML_METRIC prefix; longer lines are not metrics.</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024;

    /// <summary>At most this many metric lines are kept in the result (all are still reported live).</summary>
    public int MaxMetricLines { get; init; } = 10_000;

    /// <summary>Process count limit (Docker pids limit; pids cgroup of the process back end where available).</summary>
    public int PidsLimit { get; init; } = 256;

    /// <summary>
    /// Process back end, as root: the program runs as this uid/gid (setpriv), so root file modes cannot be
    /// bypassed and mounts cannot be undone. Default: nobody/nogroup.
    /// </summary>
    public int ProcessUid { get; init; } = 65534;

    /// <inheritdoc cref="ProcessUid"/>
    public int ProcessGid { get; init; } = 65534;

    /// <summary>The uid/gid of the image's non-root user: the writable host folders are handed to it.</summary>
    public int ContainerUid { get; init; } = 1000;

    /// <inheritdoc cref="ContainerUid"/>
    public int ContainerGid { get; init; } = 1000;

    /// <summary>How long to wait for output to drain after the program ended or was killed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often memory is sampled where no cgroup reports the peak.</summary>
    public TimeSpan MemorySampleInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws <see cref="UserFacingException"/> when a value is out of range.</summary>
    public SandboxOptions Validate()
    {
        if (!SandboxKinds.All.Contains(Kind, StringComparer.Ordinal))
        {
            throw new UserFacingException($"Unknown sandbox '{Kind}': expected one of {string.Join(", ", SandboxKinds.All)}.");
        }

        if (OutputHeadBytes < 0 || OutputTailBytes < 0 || MaxLineBytes < 64 || MaxMetricLines < 0 || PidsLimit < 8)
        {
            throw new UserFacingException("Sandbox options out of range: output sizes must be >= 0, MaxLineBytes >= 64, PidsLimit >= 8.");
        }

        return this;
    }
}
