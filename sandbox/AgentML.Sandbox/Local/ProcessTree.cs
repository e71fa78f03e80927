using System.Globalization;

namespace AgentML.Sandbox.Local;

/// <summary>Walks a process tree through /proc (Linux).</summary>
public static class ProcessTree
{
    /// <summary>All descendants of <paramref name="pid"/> (breadth first, at most <paramref name="limit"/>).</summary>
    public static IReadOnlyList<int> Descendants(int pid, int limit = 4096)
    {
        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.Count > 0 && found.Count < limit)
        {
            foreach (var child in Children(pending.Dequeue()))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>The direct children of a process, from /proc/PID/task/*/children.</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var result = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                foreach (var word in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                    {
                        result.Add(child);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return result;
    }
}
