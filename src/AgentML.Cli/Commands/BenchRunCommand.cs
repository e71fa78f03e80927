using AgentML.Core.Runs;
using AgentML.Bench.Running;
using AgentML.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml bench &lt;inputs&gt;`: runs (or resumes) a bench and writes its reports.</summary>
internal sealed class BenchRunCommand : AsyncCommand<BenchRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchRunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new BenchHost(settings.Db, settings.Verbose, cancellationToken);
        var options = ToOptions(settings, host);
        return await BenchConsole.RunAsync(host, options, settings.BenchId, cancellationToken).ConfigureAwait(false);
    }

    private static BenchOptions ToOptions(BenchRunSettings s, BenchHost host)
    {
        var external = s.AgentDir is not null || s.AgentCmd is not null || s.AgentImage is not null;
        var kind = s.Agent?.ToLowerInvariant() ?? (external ? AgentSpec.ExternalKind : AgentSpec.AgentMlKind);
        if (kind is not (AgentSpec.AgentMlKind or AgentSpec.ExternalKind))
        {
            throw new UserFacingException($"--agent '{s.Agent}': expected agentml or external.");
        }

        if (kind == AgentSpec.ExternalKind && !external)
        {
            throw new UserFacingException("--agent external needs --agent-cmd (with --agent-dir) or --agent-image.");
        }

        if (kind == AgentSpec.AgentMlKind && external)
        {
            throw new UserFacingException("--agent-dir, --agent-cmd and --agent-image describe an external agent; drop --agent agentml.");
        }

        if (s.Inputs.Length == 0 && (s.BenchId is null || host.Store.FindBench(s.BenchId) is null))
        {
            throw new UserFacingException("Name at least one input folder: a folder of task folders or MLE-bench's prepared data directory.");
        }

        if (s.Parallel < 1)
        {
            throw new UserFacingException($"--parallel must be at least 1, got {s.Parallel}.");
        }

        if (s.Sandbox is not ("process" or "docker"))
        {
            throw new UserFacingException($"--sandbox '{s.Sandbox}': expected process or docker.");
        }

        return new BenchOptions
        {
            Inputs = s.Inputs,
            LeaderboardsDirectory = s.Leaderboards,
            Split = s.Split,
            Seeds = BenchOptions.SeedRange(s.Seeds),
            Parallel = s.Parallel,
            TimeLimit = DurationParser.Parse(s.Time, "--time"),
            OutputDirectory = s.Out,
            Executor = s.ExecutorKind,
            Slurm = s.ToSlurmOptions(),
            Agent = new AgentSpec
            {
                Kind = kind,
                Model = kind == AgentSpec.AgentMlKind ? s.Model : null,
                Sandbox = s.AgentImage is not null ? "docker" : s.Sandbox,
                AgentDirectory = s.AgentDir is null ? null : Path.GetFullPath(s.AgentDir),
                AgentCommand = s.AgentCmd,
                AgentImage = s.AgentImage,
            },
        };
    }
}

/// <summary>`agentml bench resume &lt;bench-id&gt;`.</summary>
internal sealed class BenchResumeCommand : AsyncCommand<BenchIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchIdSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new BenchHost(settings.Db, settings.Verbose, cancellationToken);
        if (host.Store.FindBench(settings.BenchId) is null)
        {
            throw new UserFacingException($"No bench '{settings.BenchId}' in {host.DbPath}; `agentml bench list` shows the benches.");
        }

        // The stored options win in BenchService.Prepare; these only fill the signature.
        var placeholder = new BenchOptions { Inputs = [], Seeds = [0], TimeLimit = TimeSpan.FromMinutes(1), OutputDirectory = ".", Agent = new AgentSpec(), Parallel = settings.Parallel ?? 1 };
        return await BenchConsole.RunAsync(host, placeholder, settings.BenchId, cancellationToken, settings.Parallel).ConfigureAwait(false);
    }
}

/// <summary>`agentml bench report &lt;bench-id&gt;`.</summary>
internal sealed class BenchReportCommand : Command<BenchIdSettings>
{
    public override int Execute(CommandContext context, BenchIdSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new BenchHost(settings.Db, settings.Verbose, cancellationToken);
        var files = host.Service.WriteReports(settings.BenchId);
        BenchConsole.PrintSummary(files);
        return 0;
    }
}

/// <summary>`agentml bench list`.</summary>
internal sealed class BenchListCommand : Command<BenchDbSettings>
{
    public override int Execute(CommandContext context, BenchDbSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new BenchHost(settings.Db, settings.Verbose, cancellationToken);
        var table = new Table().AddColumns("bench", "created (UTC)", "agent", "competitions", "seeds", "finished", "folder");
        foreach (var b in host.Store.ListBenches())
        {
            var finished = host.Store.Runs(b.Id).Count(r => r.Status == AgentML.Store.Bench.BenchRunStatus.Finished);
            table.AddRow(Markup.Escape(b.Id), b.CreatedAtUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(b.Agent),
                b.CompetitionIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(",", b.Seeds),
                $"{finished}/{b.CompetitionIds.Count * b.Seeds.Count}", Markup.Escape(b.OutputDirectory));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
