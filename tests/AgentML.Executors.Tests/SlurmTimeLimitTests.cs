using AgentML.Executors.Slurm;
using AgentML.Sandbox;
using AgentML.Testing;

namespace AgentML.Executors.Tests;

/// <summary>Slurm's own time limit on a real job (its own class: it takes a minute and more, so it runs beside the others).</summary>
public sealed class SlurmTimeLimitTests : IDisposable
{
    private readonly TempDirectory _dir = new("agentml-slurm-limit");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_job_past_the_slurm_time_limit_ends_TIMEOUT()
    {
        // Slurm's own limit (whole minutes) is the backstop when a worker hangs; its TIMEOUT must become a timeout.
        SlurmCluster.Require();
        var options = SlurmCluster.Options(_dir.Combine("shared")) with { TimeGrace = TimeSpan.Zero, WorkerCommand = ["/bin/sh", "-c", "sleep 600"] };
        var sleeper = new SlurmJobRunner(new SlurmClient(options), options, TimeProvider.System);
        var folder = sleeper.CreateFolder("agentml-test-timeout-" + Guid.NewGuid().ToString("N")[..6]);
        var id = await sleeper.SubmitAsync(folder, "sandbox-job", "agentml-test-timeout", TimeSpan.FromSeconds(30), 1, 128, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var info = await sleeper.WaitAsync(id, folder, null, cts.Token);
        Assert.Equal(SlurmJobState.Timeout, info.State);
        var job = new SandboxJob { HostRoot = folder.Path, TimeLimit = TimeSpan.FromSeconds(30) };
        Assert.Equal(SandboxReason.Timeout, SlurmSandbox.ToResult(job, info, folder, TimeSpan.Zero, []).Reason);
    }
}
