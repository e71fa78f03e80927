using AgentML.Testing;

namespace AgentML.Core.Tests.Architecture;

public sealed class ProjectGraphTests
{
    [Fact]
    public void Every_project_reference_is_one_the_graph_allows()
    {
        var projects = ProjectGraph.Read(TestPaths.RepoRoot, ProjectGraph.ProductFolders);

        Assert.Contains(projects, p => p.Name == "AgentML.Search");
        var violations = ProjectGraph.Violations(ProjectGraph.Allowed, projects);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_graph_names_exactly_the_projects_on_disk_and_has_no_cycle()
    {
        var onDisk = ProjectGraph.Read(TestPaths.RepoRoot, ProjectGraph.ProductFolders).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(ProjectGraph.Allowed.Keys.Order(StringComparer.Ordinal), onDisk);
        Assert.Null(ProjectGraph.Cycle(ProjectGraph.Allowed));
    }

    [Fact]
    public void The_contracts_project_references_no_package()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "src", "AgentML.Abstractions", "AgentML.Abstractions.csproj");

        Assert.DoesNotContain("PackageReference", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_the_graph_does_not_allow_is_reported()
    {
        using var temp = new TempDirectory();
        var app = Write(temp, "src/App/App.csproj", "../Lib/Lib.csproj", "..\\..\\heavy\\Heavy\\Heavy.csproj");
        Write(temp, "src/Lib/Lib.csproj");
        Write(temp, "src/Stray/Stray.csproj");
        var graph = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["App"] = ["Lib"], ["Lib"] = [] };

        var projects = ProjectGraph.Read(temp.Path, ["src"]);
        var violations = ProjectGraph.Violations(graph, projects);

        Assert.Equal(["Heavy"], projects.Single(p => p.Name == "App").References.Where(r => r != "Lib"));
        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith(app, StringComparison.Ordinal) && v.Contains("App → Heavy is not allowed (allowed: Lib)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Stray is not in the project graph", StringComparison.Ordinal));
        Assert.Empty(ProjectGraph.Violations(graph, projects.Where(p => p.Name == "Lib")));
    }

    [Fact]
    public void A_cycle_in_the_graph_is_reported()
    {
        var graph = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.Equal("A → B → C → A", ProjectGraph.Cycle(graph));
    }

    private static string Write(TempDirectory temp, string relative, params string[] references)
    {
        var path = temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var items = string.Concat(references.Select(r => $"""<ProjectReference Include="{r}" />"""));
        File.WriteAllText(path, $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{items}<PackageReference Include="X" /></ItemGroup></Project>""");
        return path;
    }
}
