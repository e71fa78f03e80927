using System.Globalization;
using AgentML.Agents.Roles;

namespace AgentML.Search.Tests.Fakes;

/// <summary>
/// Fake roles over fake programs: the planner proposes the given programs as plans, the improver halves the offset,
/// the debugger removes "fail", the merger takes the smaller offset times 0.9.
/// </summary>
internal sealed class FakeTeam : IPlanner, ICoder, IDebugger, IImprover, IMerger
{
    private readonly IReadOnlyList<string> _drafts;

    public FakeTeam(params string[] drafts) => _drafts = drafts;

    /// <summary>Makes the improver return this program instead (e.g. a worse one, or one that waits).</summary>
    public Func<SolutionView, string>? Improve { get; init; }

    public int Calls;

    public AgentTeam Team => new(this, this, this, this, this);

    public Task<IReadOnlyList<Plan>> ProposeAsync(TaskContext context, TreeSummary tree, int count, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        IReadOnlyList<Plan> plans = _drafts.Take(count).Select((d, i) => new Plan($"Plan {i}: predict x with {d}.", d, ["y looks like x"])).ToList();
        return Task.FromResult(plans);
    }

    public Task<AgentOutput> WriteAsync(TaskContext context, Plan plan, TreeSummary tree, CancellationToken cancellationToken) =>
        Task.FromResult(Output(plan.Text, plan.Recipe!));

    public Task<AgentOutput> DebugAsync(TaskContext context, SolutionView failed, TreeSummary tree, CancellationToken cancellationToken) =>
        Task.FromResult(Output("Fix: " + failed.Plan, failed.Code.Replace(";fail", "", StringComparison.Ordinal)));

    public Task<AgentOutput> ImproveAsync(TaskContext context, SolutionView parent, TreeSummary tree, CancellationToken cancellationToken)
    {
        if (Improve is not null)
        {
            return Task.FromResult(Output("Custom improvement", Improve(parent)));
        }

        var offset = double.Parse(FakeTask.Parse(parent.Code)["offset"], CultureInfo.InvariantCulture);
        var children = tree.NodeCount;
        return Task.FromResult(Output($"Halve the offset ({children})", FakeTask.Program((offset / 2) + (children * 1e-6))));
    }

    public Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken)
    {
        var a = double.Parse(FakeTask.Parse(first.Code)["offset"], CultureInfo.InvariantCulture);
        var b = double.Parse(FakeTask.Parse(second.Code)["offset"], CultureInfo.InvariantCulture);
        return Task.FromResult(Output("Blend", FakeTask.Program(Math.Min(a, b) * 0.9)));
    }

    private AgentOutput Output(string plan, string code)
    {
        Interlocked.Increment(ref Calls);
        return new AgentOutput { Plan = plan, Code = code, Agent = "fake", Model = "fake", Usage = new Usage(10, 20, 0m) };
    }
}
