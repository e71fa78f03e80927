using AgentML.Core.Runs;

namespace AgentML.Search.Policies;

/// <summary>A node as a policy sees it. Debug depth is derived from the parent chain.</summary>
public sealed record PolicyNode
{
    public required string Id { get; init; }

    public required NodeOperator Operator { get; init; }

    public IReadOnlyList<string> ParentIds { get; init; } = [];

    /// <summary>pending, running, ok, buggy or pruned.</summary>
    public required NodeStatus Status { get; init; }

    /// <summary>The orchestrator's out-of-fold score (ok nodes).</summary>
    public double? Score { get; init; }

    /// <summary>Standard error of the score from its per-fold spread (0 when unknown): gains below it are noise.</summary>
    public double Noise { get; init; }

    /// <summary>What the node runs (its recipe, else its code), so that two nodes doing the same are recognised.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Number of consecutive debug operators ending at this node.</summary>
    public int DebugDepth { get; init; }

    public int? PlanIndex { get; init; }
}

/// <summary>What the policy decides from: the tree and the run's progress. Everything a policy reads is in here.</summary>
public sealed record PolicyState
{
    public required IReadOnlyList<PolicyNode> Nodes { get; init; }

    public required bool HigherIsBetter { get; init; }

    /// <summary>Share of the search budget used (max of time and node count), 0..1.</summary>
    public double Progress { get; init; }

    /// <summary>Draft plans the planner has produced so far (draft actions take indexes below this, or ask for more).</summary>
    public int DraftPlansAvailable { get; init; }

    public int DraftCount { get; init; } = 5;

    /// <summary>
    /// The planner had no new plan when last asked: a draft action cannot be served, so a policy that has nothing else
    /// to do improves the best nodes further instead of asking for one.
    /// </summary>
    public bool PlansExhausted { get; init; }

    public int MaxDebugDepth { get; init; } = 3;

    /// <summary>Decision number in this run (mixes into the seed so each decision draws fresh numbers).</summary>
    public int Step { get; init; }

    public int Seed { get; init; }
}

/// <summary>The next node to make: operator, parents and (for drafts) which plan.</summary>
public sealed record SearchAction(NodeOperator Operator, IReadOnlyList<string> ParentIds, int? PlanIndex = null)
{
    public override string ToString() =>
        PlanIndex is { } p ? $"{Operator}(plan {p})" : $"{Operator}({string.Join(", ", ParentIds)})";
}

/// <summary>A pure, seeded search policy: same state and seed, same action.</summary>
public interface ISearchPolicy
{
    string Name { get; }

    /// <summary>The next action, or null when nothing useful can start now (wait for running nodes, or stop).</summary>
    SearchAction? Next(PolicyState state);
}
