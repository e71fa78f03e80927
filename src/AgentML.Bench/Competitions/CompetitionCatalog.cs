using AgentML.Core.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Bench.Competitions;

/// <summary>What to look for when discovering competitions.</summary>
public sealed record CatalogOptions
{
    /// <summary>Folders of task folders, MLE-bench data directories, or single task/competition folders.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Folder of leaderboards: <c>&lt;id&gt;/leaderboard.csv</c> or <c>&lt;id&gt;.csv</c> (--leaderboards).</summary>
    public string? LeaderboardsDirectory { get; init; }
}

/// <summary>
/// Finds the competitions of a bench: AgentML task folders (loaded by Core's <see cref="TaskLoader"/>) and MLE-bench
/// prepared competitions (described by the <see cref="CompetitionRegistry"/>), each with its leaderboard when one exists.
/// </summary>
public sealed class CompetitionCatalog(CompetitionRegistry registry, TaskLoader loader, ILogger<CompetitionCatalog>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CompetitionCatalog>.Instance;

    /// <summary>Every competition found under the inputs, sorted by id; throws <see cref="UserFacingException"/> when none is found.</summary>
    public IReadOnlyList<BenchCompetition> Discover(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new Dictionary<string, BenchCompetition>(StringComparer.Ordinal);
        foreach (var input in options.Inputs)
        {
            if (!Directory.Exists(input))
            {
                throw new UserFacingException($"Bench input {input} is not a folder; expected a folder of task folders or MLE-bench's prepared data directory.");
            }

            foreach (var competition in FromInput(Path.GetFullPath(input)))
            {
                if (!found.TryAdd(competition.Id, WithLeaderboard(competition, options.LeaderboardsDirectory)))
                {
                    throw new UserFacingException($"Competition id '{competition.Id}' appears twice under the bench inputs (second: {competition.Task.RootDirectory}).");
                }
            }
        }

        if (found.Count == 0)
        {
            throw new UserFacingException($"No competitions found under {string.Join(", ", options.Inputs)}: expected task folders (competition.yaml, public/) or <id>/prepared/public folders.");
        }

        return found.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The one competition at <paramref name="folder"/> (what `grade` and `bench validate` read): a registered MLE-bench
    /// competition (<c>&lt;data&gt;/&lt;id&gt;</c> or <c>&lt;data&gt;/&lt;id&gt;/prepared</c>), graded by its MLE-bench rules, or an AgentML
    /// task folder (competition.yaml or a bare Kaggle-style folder), graded by Core. Throws <see cref="UserFacingException"/>
    /// for an unregistered MLE-bench id or a folder without answers.
    /// </summary>
    public BenchCompetition LoadOne(string folder, TaskLoadOptions? taskOptions = null, string? leaderboardsDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new UserFacingException($"{folder} is not a folder; expected a task folder or an MLE-bench competition (<data-dir>/<id> with prepared/public).");
        }

        var full = Path.GetFullPath(folder);
        BenchCompetition competition;
        if (MleBenchLayout.IsCompetitionFolder(full) && !File.Exists(Path.Combine(full, "competition.yaml")))
        {
            var id = MleBenchLayout.IdOf(full);
            var entry = registry.Find(id) ?? throw new UserFacingException(
                $"{full}: MLE-bench competition '{id}' is not in AgentML's registry, so its grading rules are unknown (registered: {registry.Entries.Count}; see src/AgentML.Bench/README.md).");
            competition = MleBenchLayout.Load(full, entry);
        }
        else
        {
            var task = loader.Load(full, taskOptions ?? new TaskLoadOptions());
            competition = new BenchCompetition { Task = task, Source = CompetitionSource.TaskFolder };
        }

        return WithLeaderboard(competition, leaderboardsDirectory);
    }

    private IEnumerable<BenchCompetition> FromInput(string input)
    {
        var single = TryLoad(input);
        if (single is not null)
        {
            yield return single;
            yield break;
        }

        foreach (var folder in Directory.GetDirectories(input).Order(StringComparer.Ordinal))
        {
            var competition = TryLoad(folder);
            if (competition is not null)
            {
                yield return competition;
            }
        }
    }

    private BenchCompetition? TryLoad(string folder)
    {
        if (MleBenchLayout.IsCompetitionFolder(folder))
        {
            var id = MleBenchLayout.IdOf(folder);
            var entry = registry.Find(id);
            if (entry is null)
            {
                _logger.LogWarning("Skipping {Folder}: competition {Id} is not in the built-in registry (its grading is not expressed by AgentML's metrics).", folder, id);
                return null;
            }

            return MleBenchLayout.Load(folder, entry);
        }

        if (!LooksLikeTaskFolder(folder))
        {
            return null;
        }

        var task = loader.Load(folder);
        if (task.AnswersPath is null)
        {
            _logger.LogWarning("Skipping task {Folder}: it has no answers file, so it cannot be graded.", folder);
            return null;
        }

        return new BenchCompetition { Task = task, Source = CompetitionSource.TaskFolder };
    }

    private static bool LooksLikeTaskFolder(string folder) =>
        File.Exists(Path.Combine(folder, "competition.yaml"))
        || Directory.Exists(Path.Combine(folder, "public"))
        || (File.Exists(Path.Combine(folder, "train.csv")) && File.Exists(Path.Combine(folder, "test.csv")));

    private static BenchCompetition WithLeaderboard(BenchCompetition competition, string? leaderboards)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(leaderboards))
        {
            candidates.Add(Path.Combine(leaderboards, competition.Id, "leaderboard.csv"));
            candidates.Add(Path.Combine(leaderboards, competition.Id + ".csv"));
            candidates.Add(Path.Combine(leaderboards, competition.Id + "-leaderboard.csv"));
        }

        if (competition.Task.LeaderboardPath is { } own)
        {
            candidates.Add(own);
        }

        candidates.Add(Path.Combine(competition.Task.RootDirectory, "leaderboard.csv"));
        var path = candidates.FirstOrDefault(File.Exists);
        return path is null ? competition : competition with { Task = competition.Task with { LeaderboardPath = Path.GetFullPath(path) } };
    }
}
