using Docker.DotNet;
using System.Text;
using AgentML.Sandbox.Docker;
using AgentML.Sandbox.Output;
using AgentML.Testing;

namespace AgentML.Sandbox.Tests;

public sealed class OutputCollectorTests
{
    [Fact]
    public void KeepsHeadAndTailOnlyAndCountsEverything()
    {
        var collector = new OutputCollector(headBytes: 10, tailBytes: 8, maxLineBytes: 64, maxMetrics: 10, () => TimeSpan.Zero, null);
        for (var i = 0; i < 1000; i++)
        {
            collector.Append(Encoding.ASCII.GetBytes($"line {i:0000}\n"));
        }

        var (head, tail, total, _) = collector.Snapshot();
        Assert.Equal("line 0000\n", head);
        Assert.Equal("ne 0999\n", tail);
        Assert.Equal(10_000, total);
    }

    [Fact]
    public void TailIsEmptyWhenEverythingFitsInTheHead()
    {
        var collector = new OutputCollector(64, 64, 64, 10, () => TimeSpan.Zero, null);
        collector.Append("short\n"u8);

        var (head, tail, total, _) = collector.Snapshot();

        Assert.Equal("short\n", head);
        Assert.Equal("", tail);
        Assert.Equal(6, total);
    }

    [Fact]
    public void ReportsMetricLinesSplitAcrossChunksAndSkipsOverlongLines()
    {
        var seen = new List<MetricLine>();
        var collector = new OutputCollector(16, 16, 128, 10, () => TimeSpan.FromSeconds(1), new InlineProgress<MetricLine>(seen.Add));
        collector.Append("noise\nAGENTML_METRIC {\"name\": \"auc\", "u8);
        Assert.Empty(seen);
        collector.Append("\"step\": 2, \"value\": 0.91}\nAGENTML_METRIC {\"name\": \"x\", \"value\": 1, \"pad\": \""u8);
        collector.Append(Encoding.ASCII.GetBytes(new string('p', 500) + "\"}\n"));
        collector.Append("AGENTML_METRIC {\"name\": \"last\", \"step\": 3, \"value\": NaN}"u8);
        collector.Complete();

        Assert.Equal(2, seen.Count);
        Assert.Equal(new MetricLine("auc", 2, 0.91, TimeSpan.FromSeconds(1)), seen[0]);
        Assert.Equal("last", seen[1].Name);
        Assert.True(double.IsNaN(seen[1].Value));
        Assert.Equal(seen, collector.Snapshot().Metrics);
    }
}

public sealed class MetricParserTests
{
    [Theory]
    [InlineData("AGENTML_METRIC {\"name\": \"rmse\", \"step\": 4, \"value\": 1.5}", "rmse", 4, 1.5)]
    [InlineData("  AGENTML_METRIC {\"name\": \"acc\", \"value\": 0.5}\r", "acc", 0, 0.5)]
    [InlineData("AGENTML_METRIC {\"name\": \"loss\", \"step\": 1, \"value\": -Infinity}", "loss", 1, double.NegativeInfinity)]
    public void ParsesWellFormedLines(string line, string name, int step, double value)
    {
        Assert.True(MetricParser.TryParse(line, TimeSpan.Zero, out var metric));
        Assert.Equal((name, step, value), (metric.Name, metric.Step, metric.Value));
    }

    [Theory]
    [InlineData("AGENTML_METRIC not json")]
    [InlineData("AGENTML_METRIC {\"step\": 1, \"value\": 2}")]
    [InlineData("AGENTML_METRIC {\"name\": \"a\", \"value\": \"high\"}")]
    [InlineData("print AGENTML_METRIC {\"name\": \"a\", \"value\": 1}")]
    [InlineData("AGENTML_METRIC [1, 2]")]
    public void RejectsMalformedLines(string line) => Assert.False(MetricParser.TryParse(line, TimeSpan.Zero, out _));
}

public sealed class SandboxFactoryTests
{
    [Theory]
    [InlineData("process", "process")]
    [InlineData("Docker", "docker")]
    public void CreatesTheBackEndByName(string kind, string expected)
    {
        var sandbox = new SandboxFactory().Create(kind);
        using var owned = sandbox as IDisposable;
        Assert.Equal(expected, sandbox.Name);
    }

    [Fact]
    public void RejectsAnUnknownBackEnd()
    {
        var error = Assert.Throws<UserFacingException>(() => new SandboxFactory().Create("vm"));
        Assert.Contains("process, docker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEngineSaysHowToStartItOrUseTheProcessSandbox()
    {
        using var temp = new TempDirectory();
        using var sandbox = new DockerSandbox(new SandboxOptions { Kind = SandboxKinds.Docker, DockerEndpoint = "unix://" + temp.Combine("no-docker.sock") });
        var job = new SandboxJob { HostRoot = temp.Combine("root"), Command = ["python", "-c", "pass"] };

        var error = await Assert.ThrowsAsync<UserFacingException>(() => sandbox.RunAsync(job, null, CancellationToken.None));

        Assert.Contains("not reachable", error.Message, StringComparison.Ordinal);
        Assert.Contains("dockerd", error.Message, StringComparison.Ordinal);
        Assert.Contains("--sandbox process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMountTargetsOutsideTheRoot()
    {
        using var temp = new TempDirectory();
        var job = new SandboxJob { HostRoot = temp.Combine("root"), Mounts = [new SandboxMount(temp.Path, "../escape", ReadOnly: true)] };
        Assert.Throws<ArgumentException>(() => JobWorkspace.Prepare(job, owner: null, symlinkMounts: false));
    }

    [Fact]
    public void MissingMountSourceNamesThePath()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("nope");
        var job = new SandboxJob { HostRoot = temp.Combine("root"), Mounts = [new SandboxMount(missing, "input", ReadOnly: true)] };
        var error = Assert.Throws<UserFacingException>(() => JobWorkspace.Prepare(job, owner: null, symlinkMounts: false));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}

public sealed class PythonLocatorTests
{
    [Fact]
    public async Task FindsAnInterpreterThatImportsSklearn()
    {
        var python = await new PythonLocator().LocateAsync();

        Assert.True(python.Has("sklearn"), python.ToString());
        Assert.True(File.Exists(python.Path));
    }

    [Fact]
    public async Task AnExplicitInterpreterThatDoesNotRunIsAClearError()
    {
        var error = await Assert.ThrowsAsync<UserFacingException>(() => new PythonLocator().LocateAsync("/nonexistent/python3"));
        Assert.Contains("/nonexistent/python3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeReportsMissingModulesAsNull()
    {
        var python = await new PythonLocator().LocateAsync();
        var info = await PythonLocator.ProbeAsync(python.Path, "test", ["sklearn", "no_such_module_4711"], CancellationToken.None);

        Assert.NotNull(info);
        Assert.True(info.Has("sklearn"));
        Assert.False(info.Has("no_such_module_4711"));
    }
}

public sealed class DockerEngineTests
{
    public static TheoryData<Exception, bool> Errors => new()
    {
        { new HttpRequestException("connection refused"), true },
        { new IOException("broken pipe"), true },
        { new TimeoutException(), true },
        { new DockerApiException(System.Net.HttpStatusCode.InternalServerError, "engine hiccup"), true },
        { new DockerApiException(System.Net.HttpStatusCode.NotFound, "no such container"), false },
        { new DockerApiException(System.Net.HttpStatusCode.Conflict, "name in use"), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void RetriesOnlyTransientEngineErrors(Exception error, bool transient) => Assert.Equal(transient, DockerEngine.IsTransient(error));
}
