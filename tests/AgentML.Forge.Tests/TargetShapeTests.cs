using System.Globalization;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

/// <summary>Target shapes seen in raw data the shared files do not have: many classes, wide tables.</summary>
public sealed class TargetShapeTests : IDisposable
{
    private readonly TempDirectory _temp = new("forge-shapes");

    public void Dispose() => _temp.Dispose();

    private RawDataset Synthetic(string name, int rows, int features, Func<int, Random, string> label)
    {
        var random = new Random(7);
        var lines = Enumerable.Range(0, rows).Select(i =>
        {
            var y = label(i, random);
            var x = Enumerable.Range(0, features).Select(_ => (random.NextDouble() + (y.Length % 7)).ToString("F3", CultureInfo.InvariantCulture));
            return string.Join(',', [.. x, y]);
        });
        var path = _temp.Combine(name);
        File.WriteAllLines(path, [string.Join(',', [.. Enumerable.Range(0, features).Select(f => $"f{f}"), "kind"]), .. lines]);
        return ForgeTestData.Read(path);
    }

    [Fact]
    public async Task A_fifty_class_target_is_a_multiclass_candidate()
    {
        var data = Synthetic("kinds.csv", 3000, 4, (i, _) => $"k{i % 50:00}");

        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 20, CancellationToken.None);

        var kind = Assert.Single(candidates, c => c.Target == "kind");
        Assert.Equal(TaskType.Multiclass, kind.TaskType);
        Assert.Equal(50, kind.Classes.Count);
        Assert.Equal(MetricNames.Accuracy, kind.Metric);
    }

    [Fact]
    public async Task Wide_tables_screen_signal_only_for_the_best_named_targets_and_still_rank_the_label_early()
    {
        var data = Synthetic("wide.csv", 300, 120, (_, r) => r.Next(2) == 0 ? "yes" : "no");

        var candidates = await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 200, CancellationToken.None);

        Assert.True(candidates.Count > BuiltinBrainstormer.MaxSignalScreens, "every eligible column stays a candidate");
        Assert.Contains("kind", candidates.Take(2).Select(c => c.Target));
    }

    [Fact]
    public void Association_screens_thin_big_tables_to_a_fixed_number_of_rows()
    {
        var rows = Association.SampleRows(500_000);

        Assert.InRange(rows.Length, Association.MaxRows / 2, Association.MaxRows);
        Assert.Equal(0, rows[0]);
        Assert.True(rows[^1] > 480_000, "the sample spreads over the whole table");
        Assert.Equal(Enumerable.Range(0, 100), Association.SampleRows(100));
    }
}
