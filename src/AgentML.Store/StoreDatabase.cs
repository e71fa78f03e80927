using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LiteDB;

namespace AgentML.Store;

/// <summary>
/// One shared <see cref="LiteDatabase"/> per database file (DESIGN.md: writes go through one shared instance per file).
/// Collections: runs, nodes, executions, bench_runs.
/// </summary>
/// <remarks>
/// LiteDB commits every transaction to its write-ahead log (&lt;name&gt;-log.db) before returning, so a process killed
/// with SIGKILL leaves a file whose committed writes are restored on the next open. The writer holds the file with a
/// shared lock: another process (e.g. <c>agentml runs</c> while a solve runs) reads it through <see cref="OpenReadOnly"/>.
/// </remarks>
public static class StoreDatabase
{
    private static readonly ConcurrentDictionary<string, Lazy<LiteDatabase>> Open = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<LiteDatabase, object> ReadOnlyInstances = [];

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

            return new LiteDatabase(new ConnectionString { Filename = p, Connection = ConnectionType.Direct }, StoreMapper.Create());
        })).Value;
    }

    /// <summary>
    /// A private read-only view of <paramref name="path"/> for a reader that must not block a writer in another
    /// process; the caller disposes it. Throws <see cref="UserFacingException"/> when the file does not exist.
    /// </summary>
    public static LiteDatabase OpenReadOnly(string path)
    {
        var full = Path.GetFullPath(path);
        if (Open.TryGetValue(full, out var shared) && shared.IsValueCreated)
        {
            throw new InvalidOperationException($"{full} is open for writing in this process; use StoreDatabase.Get.");
        }

        if (!File.Exists(full))
        {
            throw new UserFacingException($"No AgentML database at {full} (set --db to the file a solve wrote).");
        }

        // A writer that has just created the file has not written its header yet: nothing to read so far.
        var db = new FileInfo(full).Length == 0
            ? new LiteDatabase(new MemoryStream(), StoreMapper.Create())
            : new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct, ReadOnly = true }, StoreMapper.Create());
        ReadOnlyInstances.Add(db, new object());
        return db;
    }

    /// <summary>True for instances made by <see cref="OpenReadOnly"/>.</summary>
    public static bool IsReadOnly(LiteDatabase database) => ReadOnlyInstances.TryGetValue(database, out _);

    /// <summary>Closes the shared database of <paramref name="path"/> (tests, end of process).</summary>
    public static void Close(string path)
    {
        if (Open.TryRemove(Path.GetFullPath(path), out var db) && db.IsValueCreated)
        {
            db.Value.Dispose();
        }
    }
}
