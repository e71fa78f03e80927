using System.Text.Json;
using AgentML.Testing;

namespace AgentML.Cli.Tests;

/// <summary>
/// `agentml grade` and `agentml bench validate` as real processes on the MLE-bench parity fixtures
/// (tests/AgentML.Bench.Tests/Parity): the registry path, with MLE-bench's expected outcomes (expected.json).
/// </summary>
public sealed class MleBenchGradeCliTests
{
    private static string Parity => Path.Combine(TestPaths.RepoRoot, "tests", "AgentML.Bench.Tests", "Parity");

    public static TheoryData<string> Competitions() =>
        [.. Directory.GetDirectories(Path.Combine(Parity, "data")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Competitions))]
    public async Task Grade_and_bench_validate_give_mlebench_outcomes(string id)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Parity, "expected.json")));
        var folder = Path.Combine(Parity, "data", id);

        var noisy = expected.RootElement.GetProperty(id).GetProperty("noisy");
        var (code, stdout, stderr) = await TaskCommandRunner.RunAsync("grade", folder, Path.Combine(Parity, "submissions", id, "noisy.csv"));
        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(id, report.RootElement.GetProperty("competition_id").GetString());
        Assert.True(report.RootElement.GetProperty("valid_submission").GetBoolean(), stdout);
        Assert.Equal(noisy.GetProperty("score").GetDouble(), report.RootElement.GetProperty("score").GetDouble(), 6);

        // Duplicate ids: valid where grade.py pairs rows by position (jigsaw, nomad, taxi), invalid elsewhere.
        var duplicate = expected.RootElement.GetProperty(id).GetProperty("duplicate_ids").GetProperty("valid").GetBoolean();
        var (validateCode, validateOut, validateErr) = await TaskCommandRunner.RunAsync("bench", "validate", folder, Path.Combine(Parity, "submissions", id, "duplicate_ids.csv"));
        Assert.True(validateCode == (duplicate ? 0 : 1), validateOut + validateErr);
        Assert.Contains(duplicate ? "valid" : "invalid", validateOut, StringComparison.Ordinal);
    }
}
