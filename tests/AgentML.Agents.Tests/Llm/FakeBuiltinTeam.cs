using AgentML.Agents.Roles;

namespace AgentML.Agents.Tests.Llm;

/// <summary>Stand-in builtin roles that count their calls and mark their output as builtin.</summary>
internal sealed class FakeBuiltinTeam : IPlanner, ICoder, IDebugger, IImprover, IMerger
{
    public const string Code = "# builtin program\nopen('submission/submission.csv', 'w').write('id\\n')\n";
    private int _calls;

    public FakeBuiltinTeam() => Team = new AgentTeam(this, this, this, this, this);

    public AgentTeam Team { get; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<IReadOnlyList<Plan>> ProposeAsync(TaskContext context, TreeSummary tree, int count, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        IReadOnlyList<Plan> plans = Enumerable.Range(0, count).Select(i => new Plan($"builtin plan {i}: random forest variant {i}", "{}", [])).ToArray();
        return Task.FromResult(plans);
    }

    public Task<AgentOutput> WriteAsync(TaskContext context, Plan plan, TreeSummary tree, CancellationToken cancellationToken) => Output(plan.Text);

    public Task<AgentOutput> DebugAsync(TaskContext context, SolutionView failed, TreeSummary tree, CancellationToken cancellationToken) => Output(failed.Plan);

    public Task<AgentOutput> ImproveAsync(TaskContext context, SolutionView parent, TreeSummary tree, CancellationToken cancellationToken) => Output(parent.Plan);

    public Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken) => Output(first.Plan);

    private Task<AgentOutput> Output(string plan)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new AgentOutput { Plan = plan, Code = Code, Agent = "builtin", Model = "builtin" });
    }
}
