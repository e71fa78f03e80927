using System.Collections.Concurrent;
using LiteDB;

namespace AgentML.Store;

/// <summary>
/// One shared <see cref="LiteDatabase"/> per database file (DESIGN.md: writes go through one shared instance per file).
/// Collections: runs, nodes, executions, bench_runs.
/// </summary>
public static class StoreDatabase
{
    private static readonly ConcurrentDictionary<string, Lazy<LiteDatabase>> Open = new(StringComparer.Ordinal);

    /// <summary>The shared database of <paramref name="path"/>, opened (and created) on first use.</summary>
    public static LiteDatabase Get(string path)
    {
        var full = Path.GetFullPath(path);
        return Open.GetOrAdd(full, p => new Lazy<LiteDatabase>(() =>
        {
            var dir = Path.GetDirectoryName(p);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            return new LiteDatabase(new ConnectionString { Filename = p, Connection = ConnectionType.Direct });
        })).Value;
    }

    /// <summary>Closes the shared database of <paramref name="path"/> (tests, end of process).</summary>
    public static void Close(string path)
    {
        if (Open.TryRemove(Path.GetFullPath(path), out var db) && db.IsValueCreated)
        {
            db.Value.Dispose();
        }
    }
}
