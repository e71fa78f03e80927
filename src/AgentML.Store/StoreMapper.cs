using AgentML.Core.Runs;
using AgentML.Store.Runs;
using LiteDB;

namespace AgentML.Store;

/// <summary>
/// How the run domain maps to LiteDB documents: the keys of runs, nodes and executions, and the domain's states
/// stored as their words ("ok", "stopped-early"), so that documents stay readable and older files still load. The
/// records are immutable (init-only properties, which LiteDB sets on reading; read-only lists, which it stores as
/// arrays and reads back as lists), and the keys are derived from the ids (written as _id, never read back).
/// </summary>
internal static class StoreMapper
{
    public static BsonMapper Create()
    {
        var mapper = new BsonMapper();
        Words<NodeStatus>(mapper);
        Words<NodeOperator>(mapper);
        Words<Fidelity>(mapper);
        Words<ExecutionReason>(mapper);
        Words<RunStatus>(mapper);
        mapper.Entity<RunRecord>().Id(r => r.Id, autoId: false);
        mapper.Entity<NodeRecord>().Id(n => n.Key, autoId: false);
        mapper.Entity<ExecutionRecord>().Id(e => e.Key, autoId: false);
        return mapper;
    }

    private static void Words<T>(BsonMapper mapper)
        where T : struct, Enum =>
        mapper.RegisterType<T>(value => new BsonValue(RunTerms.Word(value)), bson => RunTerms.Parse<T>(bson.AsString));
}
