using AgentML.Testing;

namespace AgentML.Executors.Tests;

/// <summary>`agentml solve --executor slurm --parallel 2`: candidates run as jobs, the tree and store stay here.</summary>
public sealed class SlurmSolveTests : IDisposable
{
    private readonly TempDirectory _dir = new("agentml-slurm-solve");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Solve_runs_its_candidates_as_slurm_jobs()
    {
        SlurmCluster.Require();
        var (code, output) = await AgentMlProcess.RunAsync(TimeSpan.FromMinutes(4),
            "solve", TestPaths.Task("penguin-species"), "--time", "75s", "--max-nodes", "3", "--parallel", "2", "--executor", "slurm",
            "--shared-dir", _dir.Combine("shared"), "--out", _dir.Combine("shared", "runs"), "--db", _dir.Combine("agentml.db"), "-v");
        Assert.True(code == 0, output);
        Assert.Contains("Submitted Slurm job", output);
        Assert.Contains("ended COMPLETED", output);
        var run = Assert.Single(Directory.GetDirectories(_dir.Combine("shared", "runs")));
        Assert.True(File.Exists(Path.Combine(run, "submission.csv")), output);
    }
}
