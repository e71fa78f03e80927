using System.Globalization;

namespace AgentML.Sandbox.Local;

/// <summary>
/// Peak memory where no cgroup reports it: samples the summed resident memory of a process tree
/// (/proc/PID/task/*/children) at an interval, and the largest single high-water mark (VmHWM).
/// </summary>
public sealed class ProcessTreeSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public ProcessTreeSampler(int rootPid, TimeSpan interval, TimeProvider timeProvider)
    {
        _loop = Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    Sample(rootPid);
                    await Task.Delay(interval, timeProvider, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public long? PeakBytes => _peak > 0 ? Interlocked.Read(ref _peak) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Sample(int rootPid)
    {
        long sum = 0;
        long largestHighWater = 0;
        var pending = new Stack<int>([rootPid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0 && seen.Count < 4096)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }

            sum += StatusKb(pid, "VmRSS:") * 1024;
            largestHighWater = Math.Max(largestHighWater, StatusKb(pid, "VmHWM:") * 1024);
            foreach (var child in ProcessTree.Children(pid))
            {
                pending.Push(child);
            }
        }

        var value = Math.Max(sum, largestHighWater);
        if (value > Interlocked.Read(ref _peak))
        {
            Interlocked.Exchange(ref _peak, value);
        }
    }

    private static long StatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var digits = new string(line.AsSpan(key.Length).Trim().ToString().TakeWhile(char.IsAsciiDigit).ToArray());
                    return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
