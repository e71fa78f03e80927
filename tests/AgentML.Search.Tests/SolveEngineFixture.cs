using AgentML.Search.Engine;
using AgentML.Search.Tests.Fakes;
using AgentML.Store.Runs;

namespace AgentML.Search.Tests;

/// <summary>Settings and a solve service over fakes, shared by the solve engine's tests.</summary>
internal static class SolveEngineFixture
{
    internal static SolveSettings Settings(int maxNodes, EarlyScoringMode early = EarlyScoringMode.Off) => new()
    {
        TimeBudget = TimeSpan.FromMinutes(10),
        MaxNodes = maxNodes,
        Parallel = 1,
        DraftCount = 3,
        EarlyScoring = early,
        Seed = 7,
        Refit = RefitMode.Always, // the engine's tests exercise the refit; RefitMode.Auto is tested on its own
    };

    internal static (SolveService Service, RunStore Store) Service(string db, FakeTeam team, FakeSandbox sandbox)
    {
        var store = RunStore.Open(db);
        return (new SolveService(new SolveDependencies { Team = team.Team, Sandbox = sandbox, Store = store }), store);
    }
}
