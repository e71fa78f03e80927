using System.Globalization;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>A noised copy of a target and a near-id column are injected into a raw file: the copy is dropped as a leak, the target kept.</summary>
public sealed class LeakageTests
{
    [Fact]
    public async Task A_noised_copy_of_the_target_is_dropped_from_its_task_and_a_near_id_column_is_never_a_target()
    {
        using var temp = new TempDirectory("forge-leak");
        var raw = temp.Combine("penguins-leaky.csv");
        var noise = new Random(7);
        ForgeTestData.WriteWithColumns(ForgeTestData.Penguins, raw,
            ("mass_estimate", (_, r, t) => ColumnData.TryParseNumber(ForgeTestData.Cell(t, r, "body_mass_g"), out var mass)
                ? (mass + (noise.NextDouble() - 0.5) * 60).ToString("F1", CultureInfo.InvariantCulture)
                : "NA"),
            ("ref_code", (i, _, _) => ForgeTestData.NearId(i)));
        var request = new ForgeRequest { Input = raw, Output = temp.Combine("out"), TasksPerFile = 20, MaxAttemptsPerFile = 20, Seed = 3 };

        var report = await ForgeTestData.Runner(request, execution: false).RunAsync(request, null, CancellationToken.None);

        var tasks = Assert.Single(report.Files).Tasks;
        Assert.DoesNotContain(tasks, t => t.Target == "ref_code");
        Assert.Contains(Assert.Single(report.Files).NotTargets, n => n.Name == "ref_code" && n.Reason.Contains("id-like", StringComparison.Ordinal));
        var mass = Assert.Single(tasks, t => t.Target == "body_mass_g");
        Assert.True(mass.Accepted, string.Join("; ", mass.Reasons));
        Assert.Contains(mass.Dropped, d => d.Name == "mass_estimate" && d.Reason.Contains("leak", StringComparison.Ordinal));
        Assert.DoesNotContain(tasks, t => t.Target == "mass_estimate");
        Assert.Contains(Assert.Single(report.Files).NotTargets, n => n.Name == "mass_estimate" && n.Reason.Contains("a copy of 'body_mass_g'", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(request.Output, mass.TaskId)));
        Assert.Contains(tasks, t => t.Accepted && t.Target == "species");
        Assert.All(tasks.Where(t => t.Accepted), t => Assert.DoesNotContain("ref_code", File.ReadLines(Path.Combine(t.Folder, "public", "train.csv")).First()));
    }
}
