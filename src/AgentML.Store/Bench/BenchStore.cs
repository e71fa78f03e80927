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

    private readonly ILiteCollection<BenchDocument> benches;
    private readonly ILiteCollection<BenchRunDocument> runs;
    private readonly object gate = new();

    public BenchStore(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        benches = database.GetCollection<BenchDocument>(BenchCollection);
        runs = database.GetCollection<BenchRunDocument>(RunCollection);
        runs.EnsureIndex(r => r.BenchId);
    }

    /// <summary>The store of the database file at <paramref name="path"/> (the shared instance).</summary>
    public static BenchStore Open(string path) => new(StoreDatabase.Get(path));

    public BenchDocument? FindBench(string benchId)
    {
        lock (gate)
        {
            return benches.FindById(benchId);
        }
    }

    public IReadOnlyList<BenchDocument> ListBenches()
    {
        lock (gate)
        {
            return benches.FindAll().OrderBy(b => b.CreatedAtUtc).ToList();
        }
    }

    public void SaveBench(BenchDocument bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        lock (gate)
        {
            benches.Upsert(bench);
        }
    }

    public IReadOnlyList<BenchRunDocument> Runs(string benchId)
    {
        lock (gate)
        {
            return runs.Find(r => r.BenchId == benchId).OrderBy(r => r.CompetitionId, StringComparer.Ordinal).ThenBy(r => r.Seed).ToList();
        }
    }

    public BenchRunDocument? FindRun(string benchId, string competitionId, int seed)
    {
        lock (gate)
        {
            return runs.FindById(BenchRunDocument.MakeId(benchId, competitionId, seed));
        }
    }

    public void SaveRun(BenchRunDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (gate)
        {
            runs.Upsert(run);
        }
    }
}
