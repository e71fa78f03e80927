using System.Reflection;

namespace AgentML.Testing;

/// <summary>Where the repository, the shared task folders and the raw datasets live, for tests.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding AgentML.sln), recorded at build time.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The read-only shared material beside the repository (../shared).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The task folders of ../shared/tasks.</summary>
    public static string Tasks => Path.Combine(Shared, "tasks");

    /// <summary>The raw CSV files of ../shared/datasets/raw.</summary>
    public static string RawDatasets => Path.Combine(Shared, "datasets", "raw");

    /// <summary>The prompts folder of the repository.</summary>
    public static string Prompts => Path.Combine(RepoRoot, "prompts");

    /// <summary>One shared task folder by name, e.g. "penguin-species".</summary>
    public static string Task(string name) => Path.Combine(Tasks, name);

    /// <summary>The names of all shared task folders, sorted.</summary>
    public static IReadOnlyList<string> TaskNames() =>
        Directory.GetDirectories(Tasks).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string FindRepoRoot()
    {
        var recorded = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AgentML.RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, "AgentML.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentML.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (AgentML.sln) from " + AppContext.BaseDirectory);
    }
}
