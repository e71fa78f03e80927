using AgentML.Sandbox.Local;
using Docker.DotNet.Models;

namespace AgentML.Sandbox.Docker;

/// <summary>
/// A container's peak memory: the engine's stats stream (max_usage on cgroup v1), plus, when the engine runs on
/// this machine, the container's own memory cgroup read directly every 50 ms (the stats stream samples once a
/// second and misses short runs). An OOM-killed container reached its limit by definition.
/// </summary>
public sealed class ContainerMemoryPeak : IProgress<ContainerStatsResponse>, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _poll = Task.CompletedTask;
    private long _peak;

    public long? Peak => _peak > 0 ? Interlocked.Read(ref _peak) : null;

    /// <summary>Starts reading the cgroup of the container's init process <paramref name="pid"/>; false when it is not visible here.</summary>
    public bool Watch(long pid, TimeProvider time)
    {
        if (pid <= 0 || CgroupLayout.MemoryDirectoryOf((int)pid) is not { } cgroup || JobCgroup.ReadPeak(cgroup.Directory, cgroup.Version) is null)
        {
            return false;
        }

        _poll = Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested && JobCgroup.ReadPeak(cgroup.Directory, cgroup.Version) is { } bytes)
                {
                    Observe(bytes);
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return true;
    }

    public void Report(ContainerStatsResponse value)
    {
        if (value?.MemoryStats is { } memory)
        {
            Observe((long)Math.Max(memory.MaxUsage, memory.Usage));
        }
    }

    public void Observe(long bytes)
    {
        long current;
        while (bytes > (current = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, bytes, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _poll.ConfigureAwait(false);
        _stop.Dispose();
    }
}
