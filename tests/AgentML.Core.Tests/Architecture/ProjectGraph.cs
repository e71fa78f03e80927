using System.Xml.Linq;

namespace AgentML.Core.Tests.Architecture;

/// <summary>
/// Which product project may reference which (README, "Project graph"), and a check of the .csproj files on disk
/// against it. A project on disk that the graph does not name is a violation too: new projects join the graph first.
/// </summary>
internal static class ProjectGraph
{
    /// <summary>The folders that hold product projects (tests and benchmarks may reference anything).</summary>
    public static readonly string[] ProductFolders = ["src", "agents", "sandbox"];

    /// <summary>Project → the projects it may reference directly.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["AgentML.Core"] = [],
        ["AgentML.Abstractions"] = ["AgentML.Core"],
        ["AgentML.Store"] = ["AgentML.Core", "AgentML.Abstractions"],
        ["AgentML.Sandbox"] = ["AgentML.Core", "AgentML.Abstractions"],
        ["AgentML.Executors"] = ["AgentML.Core", "AgentML.Abstractions", "AgentML.Sandbox"],
        ["AgentML.Agents"] = ["AgentML.Core", "AgentML.Abstractions"],
        ["AgentML.Search"] = ["AgentML.Core", "AgentML.Abstractions"],
        ["AgentML.Forge"] = ["AgentML.Core", "AgentML.Abstractions", "AgentML.Agents"],
        ["AgentML.Bench"] = ["AgentML.Core", "AgentML.Abstractions", "AgentML.Store", "AgentML.Executors"],
        ["AgentML.Cli"] =
        [
            "AgentML.Core", "AgentML.Abstractions", "AgentML.Store", "AgentML.Sandbox", "AgentML.Executors", "AgentML.Agents",
            "AgentML.Search", "AgentML.Forge", "AgentML.Bench",
        ],
    };

    /// <summary>A project file's name and the names of the projects it references.</summary>
    public sealed record ProjectFile(string Name, string Path, IReadOnlyList<string> References);

    /// <summary>Every .csproj under <paramref name="folders"/> of <paramref name="root"/>, parsed.</summary>
    public static IReadOnlyList<ProjectFile> Read(string root, IEnumerable<string> folders) =>
        folders.Select(f => System.IO.Path.Combine(root, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(Parse)
            .ToList();

    public static ProjectFile Parse(string path)
    {
        var document = XDocument.Load(path);
        var references = document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => e.Attribute("Include")?.Value ?? throw new InvalidDataException($"{path}: a ProjectReference without Include."))
            .Select(include => System.IO.Path.GetFileNameWithoutExtension(include.Replace('\\', '/').Split('/')[^1]))
            .ToList();
        return new ProjectFile(System.IO.Path.GetFileNameWithoutExtension(path), path, references);
    }

    /// <summary>One line per reference (or project) the graph does not allow; empty when every reference is allowed.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, string[]> allowed, IEnumerable<ProjectFile> projects)
    {
        var lines = new List<string>();
        foreach (var project in projects)
        {
            if (!allowed.TryGetValue(project.Name, out var may))
            {
                lines.Add($"{project.Path}: {project.Name} is not in the project graph; add it with the projects it may reference.");
                continue;
            }

            lines.AddRange(project.References
                .Where(r => !may.Contains(r, StringComparer.Ordinal))
                .Select(r => $"{project.Path}: {project.Name} → {r} is not allowed (allowed: {(may.Length == 0 ? "none" : string.Join(", ", may))})."));
        }

        return lines;
    }

    /// <summary>A cycle in <paramref name="allowed"/> as "a → b → a", or null when the graph is acyclic.</summary>
    public static string? Cycle(IReadOnlyDictionary<string, string[]> allowed)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        string? Visit(string node)
        {
            if (path.Contains(node, StringComparer.Ordinal))
            {
                return string.Join(" → ", path.SkipWhile(p => p != node).Append(node));
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            var found = allowed.TryGetValue(node, out var next) ? next.Select(Visit).FirstOrDefault(c => c is not null) : null;
            path.RemoveAt(path.Count - 1);
            return found;
        }

        return allowed.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
