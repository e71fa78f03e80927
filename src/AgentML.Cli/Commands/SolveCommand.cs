using AgentML.Cli.Bench;
using AgentML.Core.Runs;
using AgentML.Cli.Executors;
using AgentML.Cli.Hosting;
using AgentML.Sandbox;
using AgentML.Search;
using AgentML.Search.Policies;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml solve &lt;folder&gt;`: searches for the best program and writes runs/&lt;run-id&gt;/.</summary>
internal sealed class SolveCommand : AsyncCommand<SolveCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SolveCommandSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var solveSettings = ToSettings(settings);
        var slurm = settings.ToSlurmOptions();
        var task = SolveService.LoadTask(settings.Folder, settings.Metric);
        foreach (var inference in settings.Quiet ? [] : task.Inferences)
        {
            Console.WriteLine($"inferred {inference.Field} = {inference.Value} ({inference.Reason})");
        }

        if (!settings.Quiet && task.ImageColumns.Any())
        {
            Console.WriteLine($"pretrained weights: {PretrainedWeights.Find(solveSettings.WeightsDirectory, Environment.GetEnvironmentVariable).Describe()}");
        }

        using var host = new CommandHost(settings.Verbose, cancellationToken);
        var sandbox = slurm is null ? null : ExecutorSandboxes.Create(solveSettings.Sandbox, slurm, host.LoggerFactory, host.Time);
        var deps = SolveConsole.Dependencies(host, solveSettings, settings.Db, sandbox: sandbox);
        var service = new SolveService(deps);
        return await SolveConsole.RunAsync(settings.Db, SolveConsole.OutputOf(settings.Quiet, settings.Verbose), p => service.SolveAsync(task, solveSettings, settings.Out, p, host.Cancellation)).ConfigureAwait(false);
    }

    internal static SolveSettings ToSettings(SolveCommandSettings s)
    {
        if (s.Sandbox is not (SandboxKinds.Process or SandboxKinds.Docker))
        {
            throw new UserFacingException($"--sandbox '{s.Sandbox}': expected process or docker.");
        }

        if (s.Parallel is < 1 || s.Threads is < 1 || s.MaxNodes is < 1 || s.Memory < 256)
        {
            throw new UserFacingException("--parallel, --threads and --max-nodes must be at least 1, --memory at least 256.");
        }

        if (!Enum.TryParse<EarlyScoringMode>(s.EarlyScoring, ignoreCase: true, out var early))
        {
            throw new UserFacingException($"--early-scoring '{s.EarlyScoring}': expected auto, on or off.");
        }

        PolicyFactory.Create(s.Policy);
        if (s.Refit && s.NoRefit)
        {
            throw new UserFacingException("--refit and --no-refit contradict each other; give one (or neither, to refit only when a class is rarer than the folds).");
        }

        var parallel = s.Parallel ?? SolveSettings.DefaultParallel();
        return new SolveSettings
        {
            TimeBudget = DurationParser.Parse(s.Time, "--time"),
            MaxNodes = s.MaxNodes,
            Parallel = parallel,
            ThreadsPerProgram = s.Threads ?? SolveComposition.DefaultThreads(parallel),
            Seed = s.Seed,
            Policy = s.Policy.ToLowerInvariant(),
            Sandbox = s.Sandbox,
            Model = s.Model,
            MaxLlmCost = s.MaxLlmCost,
            LlmRequestsPerMinute = s.LlmRequestsPerMinute,
            RoleModels = s.RoleModels,
            Metric = s.Metric,
            EarlyScoring = early,
            ProgramTimeLimit = s.ProgramTime is null ? null : DurationParser.Parse(s.ProgramTime, "--program-time"),
            MemoryLimitMb = s.Memory,
            WeightsDirectory = s.Weights is null ? null : PretrainedWeights.Folder(s.Weights),
            Refit = s.NoRefit ? RefitMode.Never : s.Refit ? RefitMode.Always : RefitMode.Auto,
        };
    }
}
