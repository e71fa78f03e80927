namespace AgentML.Agents.Roles;

/// <summary>PlanSearch: observations → combined observations → diverse natural-language plans.</summary>
public interface IPlanner
{
    Task<IReadOnlyList<Plan>> ProposeAsync(TaskContext context, TreeSummary tree, int count, CancellationToken cancellationToken);
}

/// <summary>
/// Turns a plan into one self-contained solution program (DESIGN.md contract); <paramref name="tree"/> tells which
/// programs the search already ran.
/// </summary>
public interface ICoder
{
    Task<AgentOutput> WriteAsync(TaskContext context, Plan plan, TreeSummary tree, CancellationToken cancellationToken);
}

/// <summary>Repairs a failed node from its output and error.</summary>
public interface IDebugger
{
    Task<AgentOutput> DebugAsync(TaskContext context, SolutionView failed, TreeSummary tree, CancellationToken cancellationToken);
}

/// <summary>One atomic improvement of a working node.</summary>
public interface IImprover
{
    Task<AgentOutput> ImproveAsync(TaskContext context, SolutionView parent, TreeSummary tree, CancellationToken cancellationToken);
}

/// <summary>Combines two working nodes into one program.</summary>
public interface IMerger
{
    Task<AgentOutput> MergeAsync(TaskContext context, SolutionView first, SolutionView second, TreeSummary tree, CancellationToken cancellationToken);
}

/// <summary>The roles an operator needs, bundled (builtin or LLM, per role).</summary>
public sealed record AgentTeam(IPlanner Planner, ICoder Coder, IDebugger Debugger, IImprover Improver, IMerger Merger);
