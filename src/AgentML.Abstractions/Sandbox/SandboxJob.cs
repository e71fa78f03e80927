namespace AgentML.Sandbox;

/// <summary>A host folder made visible inside the sandbox at <see cref="Target"/>, a path relative to the sandbox root.</summary>
public sealed record SandboxMount(string HostPath, string Target, bool ReadOnly);

/// <summary>
/// One program run. The sandbox root holds the mounts (by default input/ read-only, working/ and submission/
/// writable) and the program file; the command runs in <see cref="WorkingDirectory"/> (relative to the root).
/// In Docker the root is <see cref="DockerRoot"/>; in the process back end it is <see cref="HostRoot"/>.
/// Environment values may contain "{root}", replaced by the root path the back end uses.
/// </summary>
public sealed record SandboxJob
{
    /// <summary>A host folder the sandbox owns for this run: it holds the program and the writable mounts.</summary>
    public required string HostRoot { get; init; }

    /// <summary>Argument vector; "python" as the first element means the sandbox's Python interpreter.</summary>
    public IReadOnlyList<string> Command { get; init; } = ["python", "solution.py"];

    /// <summary>Files to write into the root before the run (relative path → content), e.g. solution.py.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<SandboxMount> Mounts { get; init; } = [];

    /// <summary>Working directory relative to the root ("" = the root).</summary>
    public string WorkingDirectory { get; init; } = "";

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Memory limit in MiB (no swap).</summary>
    public int MemoryLimitMb { get; init; } = 4096;

    /// <summary>CPU threads the program may use (OMP_NUM_THREADS and friends, Docker CPU quota).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Docker image override (e.g. a bench agent image); null = the AgentML sandbox image.</summary>
    public string? Image { get; init; }

    /// <summary>Labels for the container (run, node, ...); the back end adds its owner label.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>In <see cref="Environment"/> values, replaced by the root path the back end uses.</summary>
    public const string RootPlaceholder = "{root}";

    /// <summary>The sandbox root inside a Docker container.</summary>
    public const string DockerRoot = "/home/sandbox";

    /// <summary>
    /// Docker only: the container path of the sandbox root, where relative mount targets, <see cref="WorkingDirectory"/>,
    /// <see cref="Files"/> and "{root}" resolve; null means <see cref="DockerRoot"/>. Bench agents use "/home" so that
    /// data, submission, logs, code and agent land at /home/data, /home/submission, ... as in MLE-bench. The process
    /// back end ignores it (its root is <see cref="HostRoot"/>).
    /// </summary>
    public string? ContainerRoot { get; init; }

    /// <summary>
    /// The standard solution-program job of DESIGN.md: solution.py in the root, input/ bound read-only to
    /// <paramref name="inputDirectory"/>, working/ and submission/ writable under <paramref name="hostRoot"/>,
    /// AGENTML_SEED, AGENTML_TIME_LIMIT_S and AGENTML_THREADS set.
    /// </summary>
    public static SandboxJob ForSolution(string code, string inputDirectory, string hostRoot, TimeSpan timeLimit, int seed, int threads = 1, int memoryLimitMb = 4096)
    {
        Directory.CreateDirectory(Path.Combine(hostRoot, "working"));
        Directory.CreateDirectory(Path.Combine(hostRoot, "submission"));
        return new SandboxJob
        {
            HostRoot = hostRoot,
            Files = new Dictionary<string, string> { ["solution.py"] = code },
            Mounts =
            [
                new SandboxMount(Path.GetFullPath(inputDirectory), "input", ReadOnly: true),
                new SandboxMount(Path.Combine(hostRoot, "working"), "working", ReadOnly: false),
                new SandboxMount(Path.Combine(hostRoot, "submission"), "submission", ReadOnly: false),
            ],
            Environment = new Dictionary<string, string>
            {
                ["AGENTML_SEED"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AGENTML_TIME_LIMIT_S"] = ((int)timeLimit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AGENTML_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            TimeLimit = timeLimit,
            Threads = threads,
            MemoryLimitMb = memoryLimitMb,
        };
    }

    /// <summary>Where a solution job's submission lands on the host.</summary>
    public static string SubmissionPath(string hostRoot) => Path.Combine(hostRoot, "submission", "submission.csv");
}
