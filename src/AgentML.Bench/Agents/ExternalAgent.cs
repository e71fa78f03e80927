using System.Globalization;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Bench.Agents;

/// <summary>An external agent: a folder placed in the sandbox as the agent's home and a command, or a Docker image.</summary>
public sealed record ExternalAgentOptions
{
    /// <summary>Copied into each run as the agent's home (/home/agent in Docker); null = an empty home.</summary>
    public string? AgentDirectory { get; init; }

    /// <summary>Shell command run in the agent's home; default "bash start.sh".</summary>
    public string? Command { get; init; }

    /// <summary>Docker image of the agent (null = the sandbox's default image).</summary>
    public string? Image { get; init; }

    public int Threads { get; init; } = 1;

    public int MemoryLimitMb { get; init; } = 8192;

    /// <summary>Extra environment variables for the agent.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string EffectiveCommand => string.IsNullOrWhiteSpace(Command) ? "bash start.sh" : Command;
}

/// <summary>
/// Runs an external agent in an <see cref="ISandbox"/> with MLE-bench's conventions: data read-only (with
/// description.md), submission, logs and code folders, the agent's home, instructions.txt and a format validator at the
/// sandbox root, the environment variables DATA_DIR, SUBMISSION_DIR, LOGS_DIR, CODE_DIR, AGENT_DIR and COMPETITION_ID.
/// In Docker the root is /home (so /home/data, /home/submission, ...). Answers are never mounted.
/// </summary>
public sealed class ExternalAgent(ISandbox sandbox, ExternalAgentOptions options, BenchResources resources, ILogger<ExternalAgent>? logger = null) : IBenchAgent
{
    /// <summary>The container root of bench jobs in Docker.</summary>
    public const string ContainerHome = "/home";

    private readonly ILogger _logger = logger ?? NullLogger<ExternalAgent>.Instance;

    public string Description => options.Image is null
        ? $"external: {options.EffectiveCommand}" + (options.AgentDirectory is null ? "" : $" in {options.AgentDirectory}")
        : $"external image {options.Image}: {options.EffectiveCommand}";

    public async Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workspace = request.Workspace;
        if (options.AgentDirectory is not null)
        {
            CopyDirectory(options.AgentDirectory, workspace.AgentDirectory);
        }

        var job = BuildJob(request);
        _logger.LogInformation("Running {Agent} on {Competition} seed {Seed} in the {Sandbox} sandbox", Description, request.Competition.Id, request.Seed, sandbox.Name);
        var result = await sandbox.RunAsync(job, progress: null, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(workspace.LogsDirectory, "agent-output.log"), result.Output, CancellationToken.None).ConfigureAwait(false);
        var outcome = result.Reason switch
        {
            SandboxReason.Ok => AgentOutcome.Completed,
            SandboxReason.Timeout => AgentOutcome.Timeout,
            SandboxReason.OutOfMemory => AgentOutcome.OutOfMemory,
            SandboxReason.Killed => AgentOutcome.Killed,
            _ => AgentOutcome.Crashed,
        };
        var message = outcome == AgentOutcome.Completed ? result.Message : FirstLine(result.Message) ?? LastLine(result.Output);
        return new AgentRunResult(outcome, result.ExitCode, result.Duration, message);
    }

    /// <summary>The sandbox job of one run (public for tests and for back ends that want to inspect it).</summary>
    public SandboxJob BuildJob(AgentRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ws = request.Workspace;
        var task = request.Competition.Task;
        var sampleName = Path.GetFileName(task.SampleSubmissionPath);
        var root = sandbox.Name == "docker" ? ContainerHome : ws.RunDirectory;
        var values = new Dictionary<string, string>
        {
            ["competition_id"] = task.Id,
            ["time_limit"] = FormatDuration(request.TimeLimit),
            ["data_dir"] = root + "/data",
            ["submission_dir"] = root + "/submission",
            ["logs_dir"] = root + "/logs",
            ["code_dir"] = root + "/code",
            ["agent_dir"] = root + "/agent",
            ["sample_submission"] = root + "/data/" + sampleName,
            ["validate_script"] = root + "/" + BenchResources.ValidateScriptFile,
        };
        var environment = new Dictionary<string, string>(options.Environment)
        {
            ["COMPETITION_ID"] = task.Id,
            ["DATA_DIR"] = "{root}/data",
            ["SUBMISSION_DIR"] = "{root}/submission",
            ["LOGS_DIR"] = "{root}/logs",
            ["CODE_DIR"] = "{root}/code",
            ["AGENT_DIR"] = "{root}/agent",
            ["SAMPLE_SUBMISSION"] = "{root}/data/" + sampleName,
            ["ID_COLUMN"] = task.IdColumn,
            ["VALIDATE_SUBMISSION"] = "{root}/" + BenchResources.ValidateScriptFile,
            ["INSTRUCTIONS"] = "{root}/" + BenchResources.InstructionsFile,
            ["TIME_LIMIT_SECS"] = ((int)request.TimeLimit.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["AGENTML_SEED"] = request.Seed.ToString(CultureInfo.InvariantCulture),
            ["AGENTML_TIME_LIMIT_S"] = ((int)request.TimeLimit.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["AGENTML_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture),
        };
        return new SandboxJob
        {
            HostRoot = ws.RunDirectory,
            ContainerRoot = ContainerHome,
            Command = ["/bin/sh", "-c", options.EffectiveCommand],
            Files = new Dictionary<string, string>
            {
                [BenchResources.InstructionsFile] = resources.Instructions(values),
                [BenchResources.ValidateScriptFile] = resources.ValidateScript,
            },
            Mounts =
            [
                new SandboxMount(ws.DataDirectory, "data", ReadOnly: true),
                new SandboxMount(ws.SubmissionDirectory, "submission", ReadOnly: false),
                new SandboxMount(ws.LogsDirectory, "logs", ReadOnly: false),
                new SandboxMount(ws.CodeDirectory, "code", ReadOnly: false),
                new SandboxMount(ws.AgentDirectory, "agent", ReadOnly: false),
            ],
            WorkingDirectory = "agent",
            Environment = environment,
            TimeLimit = request.TimeLimit,
            Threads = options.Threads,
            MemoryLimitMb = options.MemoryLimitMb,
            Image = options.Image,
            Labels = new Dictionary<string, string>
            {
                ["agentml.bench.competition"] = task.Id,
                ["agentml.bench.seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{t.TotalHours:0.##} hours" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.##} minutes" : $"{t.TotalSeconds:0} seconds";

    private static string? FirstLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();

    private static string? LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : lines[^1];
    }

    private static void CopyDirectory(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new UserFacingException($"--agent-dir {source} is not a folder.");
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }
}
