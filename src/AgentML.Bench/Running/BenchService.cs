using System.Text.Json;
using AgentML.Bench.Agents;
using AgentML.Bench.Competitions;
using AgentML.Bench.Reporting;
using AgentML.Store.Bench;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Bench.Running;

/// <summary>Where a bench's reports were written.</summary>
public sealed record BenchReportFiles(BenchReport Report, string Json, string Markdown, string Html);

/// <summary>
/// Creates or resumes a bench (its definition is stored, so `--bench-id` continues the same bench), runs it and writes
/// its reports; re-renders the reports of a stored bench.
/// </summary>
public sealed class BenchService(BenchStore store, CompetitionCatalog catalog, BenchRunner runner, TimeProvider time, ILogger<BenchService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<BenchService>.Instance;

    /// <summary>
    /// Creates the bench of <paramref name="options"/> (id <paramref name="benchId"/> or a new one), or loads it when a
    /// bench of that id exists (its stored options win). Returns the bench and its competitions.
    /// </summary>
    public (BenchDocument Bench, BenchOptions Options, IReadOnlyList<BenchCompetition> Competitions) Prepare(BenchOptions options, string? benchId)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (benchId is not null && store.FindBench(BenchIds.Validate(benchId)) is { } existing)
        {
            var stored = JsonSerializer.Deserialize<BenchOptions>(existing.OptionsJson, BenchJson.Options)
                ?? throw new UserFacingException($"Bench {benchId}: its stored options are unreadable.");
            var found = catalog.Discover(new CatalogOptions { Inputs = stored.Inputs, LeaderboardsDirectory = stored.LeaderboardsDirectory });
            var byId = found.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var missing = existing.CompetitionIds.Where(id => !byId.ContainsKey(id)).ToArray();
            if (missing.Length > 0)
            {
                throw new UserFacingException($"Bench {benchId} cannot resume: competitions {string.Join(", ", missing)} are no longer under {string.Join(", ", stored.Inputs)}.");
            }

            _logger.LogInformation("Resuming bench {Bench}", existing.Id);
            return (existing, stored, existing.CompetitionIds.Select(id => byId[id]).ToArray());
        }

        var id = benchId ?? BenchIds.New(time);
        var all = catalog.Discover(new CatalogOptions { Inputs = options.Inputs, LeaderboardsDirectory = options.LeaderboardsDirectory });
        var notes = new List<string>();
        var splits = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IReadOnlyList<BenchCompetition> chosen = all;
        if (options.Split is not null)
        {
            var split = SplitResolver.Resolve(options.Split, CompetitionRegistry.BuiltIn);
            var ids = split.Ids.ToHashSet(StringComparer.Ordinal);
            chosen = all.Where(c => ids.Contains(c.Id)).ToArray();
            var absent = split.Ids.Where(i => all.All(c => c.Id != i)).ToArray();
            if (absent.Length > 0)
            {
                notes.Add($"Split {split.Name}: {absent.Length} of {split.Ids.Count} competitions had no data or are not gradable here and were not run: {string.Join(", ", absent)}.");
            }

            if (chosen.Count == 0)
            {
                throw new UserFacingException($"--split {options.Split}: none of its competitions is under {string.Join(", ", options.Inputs)}.");
            }

            splits[split.Name] = chosen.Select(c => c.Id).ToList();
        }

        splits["all"] = chosen.Select(c => c.Id).ToList();
        var lite = CompetitionRegistry.BuiltIn.Split("lite") ?? [];
        var inLite = chosen.Where(c => lite.Contains(c.Id)).Select(c => c.Id).ToList();
        if (inLite.Count > 0 && inLite.Count < chosen.Count && !splits.ContainsKey("lite") && !splits.ContainsKey("low"))
        {
            splits["lite"] = inLite;
        }

        var output = Path.GetFullPath(Path.Combine(options.OutputDirectory, id));
        var normalized = options with { Inputs = options.Inputs.Select(Path.GetFullPath).ToArray(), LeaderboardsDirectory = options.LeaderboardsDirectory is null ? null : Path.GetFullPath(options.LeaderboardsDirectory) };
        var bench = new BenchDocument
        {
            Id = id,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            Agent = Describe(options.Agent),
            OptionsJson = JsonSerializer.Serialize(normalized, BenchJson.Options),
            CompetitionIds = chosen.Select(c => c.Id).ToList(),
            Seeds = options.Seeds.ToList(),
            Splits = splits,
            OutputDirectory = output,
            Metrics = chosen.ToDictionary(c => c.Id, c => c.Task.Metric, StringComparer.Ordinal),
            Notes = notes,
        };
        Directory.CreateDirectory(output);
        store.SaveBench(bench);
        return (bench, normalized, chosen);
    }

    /// <summary>Runs (or resumes) a bench to the end and writes its reports.</summary>
    /// <param name="parallel">Overrides the bench's parallelism (a resume on another machine).</param>
    public async Task<BenchReportFiles> RunAsync(BenchOptions options, string? benchId, Func<AgentSpec, IBenchAgent> agentFactory, IProgress<BenchRunEvent>? progress, CancellationToken cancellationToken, int? parallel = null)
    {
        ArgumentNullException.ThrowIfNull(agentFactory);
        var (bench, effective, competitions) = Prepare(options, benchId);
        effective = parallel is { } p ? effective with { Parallel = p } : effective;
        var agent = agentFactory(effective.Agent);
        try
        {
            await runner.RunAsync(bench, competitions, agent, effective, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            WriteReports(bench.Id);
            throw;
        }

        return WriteReports(bench.Id);
    }

    /// <summary>Builds the report of a stored bench and writes report.json, report.md and report.html into its folder.</summary>
    public BenchReportFiles WriteReports(string benchId)
    {
        var bench = store.FindBench(BenchIds.Validate(benchId))
            ?? throw new UserFacingException($"No bench '{benchId}' in the database; `agentml bench list` shows the benches.");
        var report = BenchReportBuilder.Build(bench, store.Runs(bench.Id), time.GetUtcNow());
        Directory.CreateDirectory(bench.OutputDirectory);
        var json = Path.Combine(bench.OutputDirectory, "report.json");
        var md = Path.Combine(bench.OutputDirectory, "report.md");
        var html = Path.Combine(bench.OutputDirectory, "report.html");
        File.WriteAllText(json, JsonSerializer.Serialize(report, BenchJson.Options));
        File.WriteAllText(md, MarkdownReport.Render(report));
        File.WriteAllText(html, HtmlReport.Render(report));
        return new BenchReportFiles(report, json, md, html);
    }

    /// <summary>A one-line description of an agent spec.</summary>
    public static string Describe(AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.Kind == AgentSpec.AgentMlKind
            ? $"agentml (model {agent.Model ?? "builtin"}, sandbox {agent.Sandbox})"
            : agent.AgentImage is not null
                ? $"external image {agent.AgentImage}" + (agent.AgentCommand is null ? "" : $": {agent.AgentCommand}")
                : $"external: {agent.AgentCommand ?? "bash start.sh"}" + (agent.AgentDirectory is null ? "" : $" (home {agent.AgentDirectory}, sandbox {agent.Sandbox})");
    }
}
