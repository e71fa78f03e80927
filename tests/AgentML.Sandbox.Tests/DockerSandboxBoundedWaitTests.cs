using System.Diagnostics;
using AgentML.Sandbox.Docker;
using AgentML.Testing;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// Every wait of the Docker back end is bounded: against an engine whose attach stream stays open and whose wait call
/// never answers after the container exited, a run still ends soon after the exit, with the exit code and a note.
/// </summary>
public sealed class DockerSandboxBoundedWaitTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-docker-bounded");

    [Fact]
    public async Task AnEngineThatNeverClosesItsStreams_DoesNotHangTheRun()
    {
        await using var engine = new FakeDockerEngine(_temp.Combine("docker.sock"));

        var options = new SandboxOptions { Kind = SandboxKinds.Docker, DockerEndpoint = engine.Endpoint, DrainTimeout = TimeSpan.FromSeconds(1) };
        using var sandbox = (DockerSandbox)new SandboxFactory().Create(options);
        var input = Directory.CreateDirectory(_temp.Combine("input")).FullName;
        var job = SandboxJob.ForSolution("print('hello')\n", input, _temp.Combine("root"), TimeSpan.FromSeconds(60), seed: 0);
        var watch = Stopwatch.StartNew();

        SandboxResult result;
        try
        {
            result = await sandbox.RunAsync(job, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            lock (engine.Requests)
            {
                Assert.Fail("the run hung; the engine saw: " + string.Join(", ", engine.Requests));
            }

            throw;
        }

        watch.Stop();
        Assert.Equal(SandboxReason.Ok, result.Reason);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("output was cut: the engine kept the stream open", result.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the run took {watch.Elapsed.TotalSeconds:0.0} s after an exit the engine reported within 2 s");
        lock (engine.Requests)
        {
            Assert.Contains(engine.Requests, r => r.EndsWith("/wait", StringComparison.Ordinal));
            Assert.Contains(engine.Requests, r => r.StartsWith("DELETE /containers/", StringComparison.Ordinal));
        }
    }

    public void Dispose() => _temp.Dispose();
}
