using System.Globalization;

namespace AgentML.Sandbox.Local;

/// <summary>
/// The cgroups of one run (memory, pids, cpu; v1 or v2): the launcher joins them before exec, so the memory
/// limit covers the whole process tree, the kernel reports the peak and OOM kills, and every member can be
/// killed at the end. Disposing kills what is left and removes the groups.
/// </summary>
public sealed class JobCgroup : IDisposable
{
    private readonly CgroupLayout _layout;
    private readonly string? _memory;
    private readonly string? _pids;
    private readonly List<string> _dirs;

    private JobCgroup(CgroupLayout layout, string? memory, string? pids, List<string> dirs)
    {
        _layout = layout;
        _memory = memory;
        _pids = pids;
        _dirs = dirs;
    }

    /// <summary>The cgroup.procs files the program's first process writes its pid to.</summary>
    public IReadOnlyList<string> ProcsFiles => _dirs.Select(d => Path.Combine(d, "cgroup.procs")).ToArray();

    public bool LimitsMemory => _memory is not null;

    public bool LimitsPids => _pids is not null;

    /// <summary>Creates the groups and sets the limits; null when the memory limit cannot be set.</summary>
    public static JobCgroup? TryCreate(CgroupLayout layout, string name, long memoryBytes, int pidsLimit, int threads)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var dirs = new List<string>();
        string? Create(string? parent)
        {
            if (parent is null)
            {
                return null;
            }

            var dir = Path.Combine(parent, name);
            if (!dirs.Contains(dir))
            {
                Directory.CreateDirectory(dir);
                dirs.Add(dir);
            }

            return dir;
        }

        try
        {
            var memory = Create(layout.MemoryParent);
            if (memory is null)
            {
                return null;
            }

            var v2 = layout.Version == 2;
            var bytes = memoryBytes.ToString(CultureInfo.InvariantCulture);
            Write(memory, v2 ? "memory.max" : "memory.limit_in_bytes", bytes);
            TryWrite(memory, v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes", v2 ? "0" : bytes);

            var pids = Create(layout.PidsParent);
            var pidsSet = pids is not null && TryWrite(pids, "pids.max", pidsLimit.ToString(CultureInfo.InvariantCulture));

            var cpu = Create(layout.CpuParent);
            if (cpu is not null)
            {
                var quota = (Math.Max(1, threads) * 100_000).ToString(CultureInfo.InvariantCulture);
                if (v2)
                {
                    TryWrite(cpu, "cpu.max", quota + " 100000");
                }
                else if (TryWrite(cpu, "cpu.cfs_period_us", "100000"))
                {
                    TryWrite(cpu, "cpu.cfs_quota_us", quota);
                }
            }

            return new JobCgroup(layout, memory, pidsSet ? pids : null, dirs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            new JobCgroup(layout, null, null, dirs).Dispose();
            return null;
        }
    }

    /// <summary>
    /// Removes the groups runs of dead AgentML processes left behind (named agentml-PID-N), killing any member
    /// still alive; returns how many.
    /// </summary>
    public static int ReapStale(CgroupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var stale = new[] { layout.MemoryParent, layout.PidsParent, layout.CpuParent }
            .OfType<string>().Distinct(StringComparer.Ordinal).Where(Directory.Exists)
            .SelectMany(parent => Directory.EnumerateDirectories(parent, "agentml-*"))
            .Where(dir => Path.GetFileName(dir).Split('-') is [_, var pid, _]
                && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) && !NativeMethods.Exists(owner))
            .ToList();
        new JobCgroup(layout, null, null, stale).Dispose();
        return stale.Count;
    }

    /// <summary>Peak memory of the group in bytes (v1 max_usage, v2 memory.peak), when the kernel reports it.</summary>
    public long? PeakBytes => _memory is null ? null : ReadPeak(_memory, _layout.Version);

    /// <summary>Peak memory of any memory cgroup folder (v1 max_usage_in_bytes, v2 memory.peak), or null.</summary>
    public static long? ReadPeak(string directory, int version) =>
        ReadLong(directory, version == 2 ? "memory.peak" : "memory.max_usage_in_bytes");

    /// <summary>True when the kernel's OOM killer killed a member of the group.</summary>
    public bool OomKilled
    {
        get
        {
            if (_memory is null)
            {
                return false;
            }

            var counter = ReadKey(_memory, _layout.Version == 2 ? "memory.events" : "memory.oom_control", "oom_kill");
            return counter is null ? ReadLong(_memory, "memory.failcnt") > 0 : counter > 0;
        }
    }

    /// <summary>Kills every process still in the group (looping: a fork bomb may still be forking).</summary>
    public void KillAll()
    {
        foreach (var dir in _dirs)
        {
            KillAll(dir);
        }
    }

    private static void KillAll(string dir)
    {
        TryWrite(dir, "cgroup.kill", "1");
        for (var round = 0; round < 100; round++)
        {
            var pids = ReadPids(dir);
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                NativeMethods.Kill(pid);
            }

            Thread.Sleep(round < 10 ? 2 : 20);
        }
    }

    public void Dispose()
    {
        KillAll();
        foreach (var dir in _dirs)
        {
            for (var attempt = 0; attempt < 100 && Directory.Exists(dir); attempt++)
            {
                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException)
                {
                    Thread.Sleep(20); // members are still exiting
                }
            }
        }
    }

    private static List<int> ReadPids(string dir)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(dir, "cgroup.procs"))
                .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(p => p > 0).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void Write(string dir, string file, string value) => File.WriteAllText(Path.Combine(dir, file), value);

    private static bool TryWrite(string dir, string file, string value)
    {
        try
        {
            Write(dir, file, value);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadLong(string dir, string file)
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(dir, file)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? ReadKey(string dir, string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, file)))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
