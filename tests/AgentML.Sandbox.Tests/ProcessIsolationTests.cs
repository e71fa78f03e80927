using AgentML.Sandbox.Local;

namespace AgentML.Sandbox.Tests;

/// <summary>The cgroup plumbing of the process back end, where this machine has usable cgroups (root).</summary>
public sealed class ProcessIsolationTests
{
    [SkippableFact]
    public async Task StaleGroupsOfDeadOwnersAreReaped()
    {
        var isolation = await ProcessIsolation.DetectAsync(new SandboxOptions(), CancellationToken.None);
        Skip.If(isolation.Cgroups?.MemoryParent is null, "no usable memory cgroup here (needs root and cgroup v1, or v2 with delegation)");
        var deadPid = Enumerable.Range(3_000_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        var stale = Path.Combine(isolation.Cgroups!.MemoryParent!, $"agentml-{deadPid}-1");
        var live = Path.Combine(isolation.Cgroups.MemoryParent!, $"agentml-{Environment.ProcessId}-999999");
        Directory.CreateDirectory(stale);
        Directory.CreateDirectory(live);
        try
        {
            JobCgroup.ReapStale(isolation.Cgroups);

            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(live));
        }
        finally
        {
            Directory.Delete(live);
        }
    }

    [Fact]
    public async Task DescribesEveryMechanism()
    {
        var isolation = await ProcessIsolation.DetectAsync(new SandboxOptions(), CancellationToken.None);
        var lines = isolation.Describe();
        foreach (var topic in new[] { "files", "network", "process tree", "input", "user", "memory", "processes", "cpu" })
        {
            Assert.Contains(lines, l => l.StartsWith(topic + ":", StringComparison.Ordinal));
        }
    }
}
