using System.IO.Compression;
using AgentML.Bench.Competitions;
using AgentML.Core.Tasks;

namespace AgentML.Bench.Agents;

/// <summary>
/// Lays out what an agent may see of a competition, once per bench: the public files and description.md (as in
/// MLE-bench's /home/data), by Core's <see cref="TaskInput.CopyPublicFiles"/> (never private files, answers, the
/// leaderboard or competition.yaml), the image folders of archives the registry marks to unpack, and a train table built
/// from the train files' paths where prepare.py writes none.
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
        TaskInput.CopyPublicFiles(competition.Task, target);
        foreach (var archive in competition.Archives)
        {
            // Image folders prepare.py ships only as archives (aerial-cactus-identification's train.zip) are also unpacked.
            ZipFile.ExtractToDirectory(Path.Combine(source, archive.Archive), Path.Combine(target, archive.Folder), overwriteFiles: true);
        }

        foreach (var table in competition.Tables)
        {
            // A train table prepare.py does not write (labels in the file paths), so that a solver has one to read.
            table.Table.Write(Path.Combine(target, table.File));
        }

        var description = Path.Combine(target, "description.md");
        if (!File.Exists(description))
        {
            File.WriteAllText(description, competition.Task.Description);
        }

        File.WriteAllText(marker, source); // complete: a half-copied folder has no marker and is staged again
        return target;
    }
}
