using System.Diagnostics;
using System.Globalization;
using AgentML.Sandbox.Docker;
using AgentML.Testing;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// Many short containers in a row (a program that only writes a file): every run must end within its time limit
/// plus a small grace; a run that hangs (e.g. on an engine stream that stays open) fails the test instead of CI.
/// AGENTML_DOCKER_STRESS_RUNS changes the count (default 200).
/// </summary>
public sealed class DockerSandboxStressTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new("agentml-docker-stress");

    private static int Runs => int.TryParse(Environment.GetEnvironmentVariable("AGENTML_DOCKER_STRESS_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 200;

    [SkippableFact]
    public async Task ShortContainersInARow_NoneOutlivesItsLimitPlusGrace()
    {
        Skip.If(DockerAvailability.Problem is not null, "No Docker engine: " + DockerAvailability.Problem);
        using var sandbox = (DockerSandbox)new SandboxFactory().Create(SandboxKinds.Docker);
        var code = TestPrograms.Read("write_file.py");
        var input = Directory.CreateDirectory(_temp.Combine("input")).FullName;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            var root = _temp.Combine("run-" + i.ToString(CultureInfo.InvariantCulture));
            var job = SandboxJob.ForSolution(code, input, root, Limit, seed: i, memoryLimitMb: 512);
            var watch = Stopwatch.StartNew();
            SandboxResult result;
            try
            {
                result = await sandbox.RunAsync(job, null, CancellationToken.None).WaitAsync(Limit + Grace);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"run {i} of {Runs} was still going after {(Limit + Grace).TotalSeconds} s (limit {Limit.TotalSeconds} s + grace {Grace.TotalSeconds} s)");
                throw;
            }

            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.True(result.Succeeded, $"run {i}: {result.Reason} {result.Message}\n{result.Output}");
            Assert.Contains($"wrote {i}", result.Output, StringComparison.Ordinal);
            Assert.Equal($"1,{i}", File.ReadAllLines(SandboxJob.SubmissionPath(root))[1]);
            Directory.Delete(root, recursive: true);
        }

        Assert.True(slowest < Limit + Grace, $"slowest run {slowest.TotalSeconds:0.0} s");
        Console.WriteLine($"{Runs} containers in {total.Elapsed.TotalSeconds:0} s, slowest {slowest.TotalSeconds:0.00} s");
    }

    public void Dispose() => _temp.Dispose();
}
