using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using AgentML.Testing;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// The contract every back end passes (DESIGN.md, Sandboxes). Each concrete class supplies the sandbox; the tests
/// are the same. Time limits are short so the suite stays quick.
/// </summary>
public abstract class SandboxContractTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-sandbox-test");

    protected static string PenguinInput => Path.Combine(TestPaths.Task("penguin-species"), "public");

    /// <summary>The back end under test; may call <see cref="Skip"/> when it cannot run here.</summary>
    protected abstract ISandbox CreateSandbox();

    /// <summary>Why the fork-bomb test cannot run on this back end here, or null.</summary>
    protected virtual string? ForkBombSkipReason => null;

    /// <summary>Why the containment test cannot run on this back end here (its file system is not isolated), or null.</summary>
    protected virtual string? ContainmentSkipReason => null;

    /// <summary>Asserts that nothing of a run tagged with <paramref name="marker"/> is still alive.</summary>
    protected virtual Task AssertNothingLeftAsync(string marker)
    {
        Assert.Empty(LiveProcesses.WithMarker(marker));
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Success_WritesSubmissionAndReportsMetrics()
    {
        var sandbox = CreateSandbox();
        var job = SandboxJob.ForSolution(TestPrograms.Read("success.py"), PenguinInput, Root("ok"), TimeSpan.FromSeconds(60), seed: 7);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rows 258 threads 1 seed 7 omp wait PASSIVE", result.Output, StringComparison.Ordinal);
        var submission = File.ReadAllLines(SandboxJob.SubmissionPath(job.HostRoot));
        Assert.Equal("id,value", submission[0]);
        Assert.Equal(File.ReadAllLines(Path.Combine(PenguinInput, "test.csv")).Length, submission.Length);
        Assert.Equal([("accuracy", 0, 0.5), ("accuracy", 1, 0.8)], result.Metrics.Select(m => (m.Name, m.Step, m.Value)));
        Assert.True(result.Duration > TimeSpan.Zero);
        Assert.InRange(result.PeakMemoryBytes ?? 0, 10L << 20, 2L << 30);
    }

    [SkippableFact]
    public async Task Failure_CapturesTheTraceback()
    {
        var sandbox = CreateSandbox();
        var job = SandboxJob.ForSolution(TestPrograms.Read("error.py"), PenguinInput, Root("error"), TimeSpan.FromSeconds(30), seed: 0);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.Equal(SandboxReason.Error, result.Reason);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("about to fail", result.Output, StringComparison.Ordinal);
        Assert.Contains("Traceback (most recent call last)", result.Output, StringComparison.Ordinal);
        Assert.Contains("ValueError: boom-4711", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Timeout_KillsTheWholeTree()
    {
        var sandbox = CreateSandbox();
        var marker = Marker();
        var job = Tagged(SandboxJob.ForSolution(TestPrograms.Read("sleeper.py"), PenguinInput, Root("timeout"), TimeSpan.FromSeconds(3), seed: 0), marker);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.Equal(SandboxReason.Timeout, result.Reason);
        Assert.Contains("time limit", result.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync(marker);
    }

    [SkippableFact]
    public async Task MemoryHog_EndsAsOutOfMemory()
    {
        var sandbox = CreateSandbox();
        var job = SandboxJob.ForSolution(TestPrograms.Read("memory_hog.py"), PenguinInput, Root("oom"), TimeSpan.FromSeconds(60), seed: 0, memoryLimitMb: 256);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.Equal(SandboxReason.OutOfMemory, result.Reason);
        Assert.NotEqual(0, result.ExitCode);
        Assert.InRange(result.PeakMemoryBytes ?? 0, 128L << 20, 300L << 20);
        Assert.DoesNotContain("HOG-SURVIVED", result.Output, StringComparison.Ordinal);
        Assert.Contains("allocated 32 MB", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Network_IsUnreachable()
    {
        var sandbox = CreateSandbox();
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var targets = HostAddresses().Select(a => $"{a}:{port}").ToList();
        Assert.NotEmpty(targets);
        var job = SandboxJob.ForSolution(TestPrograms.Read("network.py"), PenguinInput, Root("net"), TimeSpan.FromSeconds(60), seed: 0);
        job = job with { Environment = new Dictionary<string, string>(job.Environment) { ["AGENTML_TEST_TARGETS"] = string.Join(',', targets) } };

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Contains("NETWORK-BLOCKED", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Input_IsReadOnlyEvenWhenItsModesAllowWriting()
    {
        var sandbox = CreateSandbox();
        var input = Directory.CreateDirectory(Path.Combine(_temp.Path, "writable-input")).FullName;
        var data = Path.Combine(input, "data.txt");
        File.WriteAllText(data, "original");
        File.SetUnixFileMode(input, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(data, (UnixFileMode)0b110_110_110);
        var job = SandboxJob.ForSolution(TestPrograms.Read("write_input.py"), input, Root("ro"), TimeSpan.FromSeconds(30), seed: 0);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Contains("INPUT-PROTECTED", result.Output, StringComparison.Ordinal);
        Assert.Equal("original", File.ReadAllText(data));
        Assert.False(File.Exists(Path.Combine(input, "new.txt")));
    }

    [SkippableFact]
    public async Task FileSystem_ShowsOnlyTheJob()
    {
        Skip.If(ContainmentSkipReason is not null, ContainmentSkipReason);
        var sandbox = CreateSandbox();
        var marker = Marker();

        // A solve-like layout: the task's public input beside its private answers, the sandbox root of one node under
        // the run's folder beside the run's development answers, a world-readable file elsewhere.
        var task = Directory.CreateDirectory(Path.Combine(_temp.Path, "task")).FullName;
        var input = Directory.CreateDirectory(Path.Combine(task, "public")).FullName;
        File.WriteAllText(Path.Combine(input, "data.txt"), "42");
        var run = Directory.CreateDirectory(Path.Combine(_temp.Path, "run")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(run, "work")).FullName;
        string[] secrets =
        [
            WorldReadable(Path.Combine(task, "private", "answers.csv"), "task-answers-" + marker),
            WorldReadable(Path.Combine(run, "dev", "answers.csv"), "dev-answers-" + marker),
            WorldReadable(Path.Combine(_temp.Path, "elsewhere", "notes.txt"), "host-file-" + marker),
        ];
        string[] parents = [run, work, task, _temp.Path];
        foreach (var parent in parents)
        {
            WorldReadable(Path.Combine(parent, $"sibling-{marker}.txt"), "sibling");
        }

        string[] escapes =
        [
            Path.Combine(Path.GetTempPath(), $"agentml-escape-{marker}.txt"),
            Path.Combine(work, $"escape-{marker}.txt"),
            Path.Combine(run, $"escape-{marker}", "file.txt"),
            Path.Combine(input, $"escape-{marker}.txt"),
        ];
        var job = SandboxJob.ForSolution(TestPrograms.Read("escape.py"), input, Path.Combine(work, "node-full"), TimeSpan.FromSeconds(60), seed: 0);
        job = job with
        {
            Environment = new Dictionary<string, string>(job.Environment)
            {
                ["AGENTML_TEST_MARKER"] = marker,
                ["AGENTML_TEST_SECRETS"] = string.Join(',', secrets),
                ["AGENTML_TEST_PARENTS"] = string.Join(',', parents),
                ["AGENTML_TEST_ESCAPES"] = string.Join(',', escapes),
            },
        };

        try
        {
            var result = await sandbox.RunAsync(job, null, CancellationToken.None);

            Assert.True(result.Succeeded, Describe(result));
            Assert.DoesNotContain("LEAKED", result.Output, StringComparison.Ordinal);
            Assert.Contains("CONTAINED", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("answers-" + marker, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("host-file-" + marker, result.Output, StringComparison.Ordinal);
            Assert.All(escapes, path => Assert.False(Path.Exists(path), $"the program left {path} on the host"));
            Assert.Equal(["id,value", "1,42"], File.ReadAllLines(SandboxJob.SubmissionPath(job.HostRoot)));
            Assert.Equal(["node-full", $"sibling-{marker}.txt"], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(escapes[0]);
        }
    }

    [SkippableFact]
    public async Task ForkBomb_IsContained()
    {
        Skip.If(ForkBombSkipReason is not null, ForkBombSkipReason);
        var sandbox = CreateSandbox();
        var marker = Marker();
        var job = Tagged(SandboxJob.ForSolution(TestPrograms.Read("fork_bomb.py"), PenguinInput, Root("fork"), TimeSpan.FromSeconds(60), seed: 0), marker);

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Contains("FORK-LIMITED", result.Output, StringComparison.Ordinal);
        await AssertNothingLeftAsync(marker);
    }

    [SkippableFact]
    public async Task StdoutFlood_KeepsOurMemoryBounded()
    {
        var sandbox = CreateSandbox();
        var options = new SandboxOptions();
        var job = SandboxJob.ForSolution(TestPrograms.Read("flood.py"), PenguinInput, Root("flood"), TimeSpan.FromSeconds(120), seed: 0);
        using var me = Process.GetCurrentProcess();
        GC.Collect();
        me.Refresh();
        var baseline = me.WorkingSet64;
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                me.Refresh();
                peak = Math.Max(peak, me.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);
        await stop.CancelAsync();
        await sampler;

        Assert.True(result.Succeeded, Describe(result));
        Assert.True(result.OutputBytes >= 100L * 1024 * 1024, $"only {result.OutputBytes} bytes counted");
        Assert.True(result.OutputHead.Length + result.OutputTail.Length <= options.OutputHeadBytes + options.OutputTailBytes);
        Assert.EndsWith("FLOOD-DONE\n", result.OutputTail, StringComparison.Ordinal);
        Assert.Equal("after_flood", Assert.Single(result.Metrics).Name);
        var growthMb = (peak - baseline) / (1024.0 * 1024.0);
        Assert.True(growthMb < 64, $"our working set grew by {growthMb:0} MB while the program printed 100 MB");
    }

    [SkippableFact]
    public async Task Cancellation_KillsTheRunMidway()
    {
        var sandbox = CreateSandbox();
        var marker = Marker();
        var job = Tagged(SandboxJob.ForSolution(TestPrograms.Read("sleeper.py"), PenguinInput, Root("cancel"), TimeSpan.FromSeconds(120), seed: 0), marker);
        using var cts = new CancellationTokenSource();
        var progress = new InlineProgress<MetricLine>(m =>
        {
            if (m.Name == "ready")
            {
                cts.Cancel();
            }
        });

        var result = await sandbox.RunAsync(job, progress, cts.Token);

        Assert.Equal(SandboxReason.Killed, result.Reason);
        Assert.Equal("ready", Assert.Single(result.Metrics).Name);
        await AssertNothingLeftAsync(marker);
    }

    /// <summary>
    /// .NET starts a process on whatever pool thread calls it, and the pool retires idle threads: a back end that ties
    /// the program's life to its parent thread (PR_SET_PDEATHSIG, bubblewrap's --die-with-parent) has it SIGKILLed at
    /// a random moment. Seen as drafts dying with exit 137 mid-fit in benchmark runs and as 0.2 s flakes in this suite.
    /// </summary>
    [SkippableFact]
    public async Task Run_OutlivesTheThreadThatStartedIt()
    {
        var sandbox = CreateSandbox();
        var warm = await sandbox.RunAsync(SandboxJob.ForSolution(TestPrograms.Read("success.py"), PenguinInput, Root("warm"), TimeSpan.FromSeconds(60), seed: 0), null, CancellationToken.None);
        Assert.True(warm.Succeeded, Describe(warm)); // probes done: the next run starts its process on the calling thread
        var job = SandboxJob.ForSolution(TestPrograms.Read("outlives_starter.py"), PenguinInput, Root("thread"), TimeSpan.FromSeconds(60), seed: 0);
        Task<SandboxResult>? run = null;
        var starter = new Thread(() =>
        {
            run = sandbox.RunAsync(job, null, CancellationToken.None);
            Thread.Sleep(1500); // as a pool thread lives on for a while after starting a process, then is retired
        });
        starter.Start();
        starter.Join(); // the thread that started the program has ended while the program sleeps

        var result = await run!;

        Assert.True(result.Succeeded, Describe(result));
        Assert.Contains("outlived its starter", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Metrics_ArriveWhileTheProgramRuns()
    {
        var sandbox = CreateSandbox();
        var job = SandboxJob.ForSolution(TestPrograms.Read("metrics_live.py"), PenguinInput, Root("live"), TimeSpan.FromSeconds(60), seed: 0);
        var go = Path.Combine(job.HostRoot, "working", "go");
        var seen = new List<MetricLine>();
        var progress = new InlineProgress<MetricLine>(m =>
        {
            lock (seen)
            {
                seen.Add(m);
            }

            File.WriteAllText(go, "go"); // the program waits for this before it can finish
        });

        var result = await sandbox.RunAsync(job, progress, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Contains("REACTED", result.Output, StringComparison.Ordinal);
        Assert.Equal([0, 1], seen.Select(m => m.Step));
        Assert.True(seen[0].Elapsed <= seen[1].Elapsed);
    }

    [SkippableFact]
    public async Task GeneralJob_RunsCustomCommandWithMountsAndRootPlaceholder()
    {
        var sandbox = CreateSandbox();
        var data = Directory.CreateDirectory(Path.Combine(_temp.Path, "agent-data")).FullName;
        File.WriteAllText(Path.Combine(data, "in.txt"), "payload-42");
        var output = Directory.CreateDirectory(Path.Combine(_temp.Path, "agent-out")).FullName;
        var root = Root("general");
        var job = new SandboxJob
        {
            HostRoot = root,
            Command = ["sh", "-c", "echo \"out=$OUT_DIR\"; cat data/in.txt > \"$OUT_DIR/copy.txt\"; cd sub && pwd"],
            Files = new Dictionary<string, string> { ["sub/readme.txt"] = "hello" },
            Mounts = [new SandboxMount(data, "data", ReadOnly: true), new SandboxMount(output, "results", ReadOnly: false)],
            Environment = new Dictionary<string, string> { ["OUT_DIR"] = "{root}/results" },
            TimeLimit = TimeSpan.FromSeconds(30),
            Labels = new Dictionary<string, string> { ["agentml.run"] = "test-run" },
        };

        var result = await sandbox.RunAsync(job, null, CancellationToken.None);

        Assert.True(result.Succeeded, Describe(result));
        var sandboxRoot = sandbox.Name == SandboxKinds.Docker ? SandboxJob.DockerRoot : Path.GetFullPath(root);
        Assert.Contains($"out={sandboxRoot}/results", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{sandboxRoot}/sub", result.Output, StringComparison.Ordinal);
        Assert.Equal("payload-42", File.ReadAllText(Path.Combine(output, "copy.txt")));
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _temp.Dispose();
        }
    }

    protected static string Marker() => "agentml-marker-" + Guid.NewGuid().ToString("N")[..12];

    private string Root(string name) => Path.Combine(_temp.Path, name);

    /// <summary>Why a run did not succeed, for the assertion message (how it ended, the sandbox's message, the output).</summary>
    private static string Describe(SandboxResult result) =>
        $"{result.Reason} exit {result.ExitCode} after {result.Duration.TotalSeconds:F1} s: {result.Message}\n{result.Output}";

    /// <summary>Writes a file any user may read (folders 0755, file 0644) and returns its path.</summary>
    private static string WorldReadable(string path, string content)
    {
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        return path;
    }

    private static SandboxJob Tagged(SandboxJob job, string marker) => job with
    {
        Command = [.. job.Command, marker],
        Labels = new Dictionary<string, string> { [SandboxImage.NodeLabel] = marker },
    };

    private static IEnumerable<IPAddress> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up || n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Append(IPAddress.Loopback)
            .Distinct();
}
