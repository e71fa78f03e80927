using AgentML.Bench.Competitions;

namespace AgentML.Bench.Agents;

/// <summary>
/// Lays out what an agent may see of a competition, once per bench: the public files and description.md (as in
/// MLE-bench's /home/data). Files are copied (a link would let an agent write through to the source). Answers, the
/// leaderboard and competition.yaml are never staged (a bare Kaggle-style folder may hold them beside the public files).
/// </summary>
public static class DataStager
{
    /// <summary>The staged data folder of <paramref name="competition"/> under <paramref name="dataRoot"/>.</summary>
    public static string Stage(BenchCompetition competition, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var target = Path.Combine(dataRoot, competition.Id);
        var marker = Path.Combine(dataRoot, "." + competition.Id + ".staged");
        if (File.Exists(marker) && Directory.Exists(target))
        {
            return target;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var source = competition.Task.PublicDirectory;
        var privateDir = Path.GetFullPath(Path.Combine(competition.Task.RootDirectory, "private"));
        var hidden = new[] { competition.Task.AnswersPath, competition.Task.LeaderboardPath, Path.Combine(competition.Task.RootDirectory, "competition.yaml") }
            .OfType<string>().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        CopyTree(source, target, privateDir, hidden);
        var description = Path.Combine(target, "description.md");
        if (!File.Exists(description))
        {
            File.WriteAllText(description, competition.Task.Description);
        }

        File.WriteAllText(marker, source); // complete: a half-copied folder has no marker and is staged again
        return target;
    }

    private static void CopyTree(string source, string target, string excluded, IReadOnlySet<string> hidden)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source).Where(f => !hidden.Contains(Path.GetFullPath(f))))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            if (!string.Equals(Path.GetFullPath(dir), excluded, StringComparison.Ordinal))
            {
                CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)), excluded, hidden);
            }
        }
    }
}
