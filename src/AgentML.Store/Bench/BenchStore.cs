using LiteDB;

namespace AgentML.Store.Bench;

/// <summary>
/// The bench collections of the shared LiteDB file: <c>benches</c> (one document per bench) and <c>bench_runs</c>
/// (one per competition and seed). Every change is written at once, so a killed bench can be resumed.
/// </summary>
public sealed class BenchStore
{
    public const string BenchCollection = "benches";
    public const string RunCollection = "bench_runs";

    private readonly ILiteCollection<BenchDocument> _benches;
    private readonly ILiteCollection<BenchRunDocument> _runs;
    private readonly object _gate = new();

    public BenchStore(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _benches = database.GetCollection<BenchDocument>(BenchCollection);
        _runs = database.GetCollection<BenchRunDocument>(RunCollection);
        _runs.EnsureIndex(r => r.BenchId);
    }

    /// <summary>The store of the database file at <paramref name="path"/> (the shared instance).</summary>
    public static BenchStore Open(string path) => new(StoreDatabase.Get(path));

    public BenchDocument? FindBench(string benchId)
    {
        lock (_gate)
        {
            return _benches.FindById(benchId);
        }
    }

    public IReadOnlyList<BenchDocument> ListBenches()
    {
        lock (_gate)
        {
            return _benches.FindAll().OrderBy(b => b.CreatedAtUtc).ToList();
        }
    }

    public void SaveBench(BenchDocument bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        lock (_gate)
        {
            _benches.Upsert(bench);
        }
    }

    public IReadOnlyList<BenchRunDocument> Runs(string benchId)
    {
        lock (_gate)
        {
            return _runs.Find(r => r.BenchId == benchId).OrderBy(r => r.CompetitionId, StringComparer.Ordinal).ThenBy(r => r.Seed).ToList();
        }
    }

    public BenchRunDocument? FindRun(string benchId, string competitionId, int seed)
    {
        lock (_gate)
        {
            return _runs.FindById(BenchRunDocument.MakeId(benchId, competitionId, seed));
        }
    }

    public void SaveRun(BenchRunDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _runs.Upsert(run);
        }
    }
}
