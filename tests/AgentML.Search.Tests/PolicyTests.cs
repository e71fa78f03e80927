using AgentML.Core.Runs;
using AgentML.Search.Policies;
using AgentML.Store.Runs;

namespace AgentML.Search.Tests;

public sealed class PolicyTests
{
    private static PolicyNode Node(string id, NodeOperator op, NodeStatus status, double? score = null, int depth = 0, params string[] parents) =>
        new() { Id = id, Operator = op, Status = status, Score = score, DebugDepth = depth, ParentIds = parents, PlanIndex = op == NodeOperator.Draft ? int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) - 1 : null };

    private static PolicyState State(IReadOnlyList<PolicyNode> nodes, int step = 0, int seed = 0, double progress = 0.1, bool higher = true) => new()
    {
        Nodes = nodes,
        HigherIsBetter = higher,
        Progress = progress,
        DraftCount = 3,
        MaxDebugDepth = 2,
        Step = step,
        Seed = seed,
        DraftPlansAvailable = 3,
    };

    private static readonly PolicyNode[] ThreeDrafts =
    [
        Node("n001", NodeOperator.Draft, NodeStatus.Ok, 0.7),
        Node("n002", NodeOperator.Draft, NodeStatus.Buggy),
        Node("n003", NodeOperator.Draft, NodeStatus.Ok, 0.8),
    ];

    [Theory]
    [InlineData("staged")]
    [InlineData("greedy")]
    [InlineData("uct")]
    public void PoliciesDraftFirstThenWorkOnTheTree(string name)
    {
        var policy = PolicyFactory.Create(name);
        var first = policy.Next(State([]));
        Assert.Equal(new SearchAction(NodeOperator.Draft, [], 0).ToString(), first!.ToString());
        var third = policy.Next(State(ThreeDrafts.Take(2).ToList()));
        Assert.Equal(2, third!.PlanIndex);

        var next = policy.Next(State(ThreeDrafts));
        Assert.NotNull(next);
        Assert.NotEqual(NodeOperator.Draft, next.Operator);
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("greedy")]
    [InlineData("uct")]
    public void PoliciesArePureAndSeeded(string name)
    {
        var policy = PolicyFactory.Create(name);
        string Sequence(int seed) => string.Join(" ", Enumerable.Range(0, 40).Select(step => policy.Next(State(ThreeDrafts, step, seed))!.ToString()));
        Assert.Equal(Sequence(1), Sequence(1));
        Assert.Equal(Sequence(1), string.Join(" ", Enumerable.Range(0, 40).Select(step => PolicyFactory.Create(name).Next(State(ThreeDrafts, step, 1))!.ToString())));
        Assert.Contains(Enumerable.Range(2, 20), seed => Sequence(seed) != Sequence(1));
    }

    [Fact]
    public void GreedyImprovesTheBestAndDebugsBuggyLeavesUpToTheDepthCap()
    {
        var policy = new GreedyPolicy();
        var actions = Enumerable.Range(0, 50).Select(step => policy.Next(State(ThreeDrafts, step))!).ToList();
        Assert.All(actions.Where(a => a.Operator == NodeOperator.Improve), a => Assert.Equal(["n003"], a.ParentIds));
        Assert.Contains(actions, a => a.Operator == NodeOperator.Debug && a.ParentIds.SequenceEqual(["n002"]));

        var lower = Enumerable.Range(0, 20).Select(step => policy.Next(State(ThreeDrafts, step, higher: false))!)
            .Where(a => a.Operator == NodeOperator.Improve);
        Assert.All(lower, a => Assert.Equal(["n001"], a.ParentIds));

        var tooDeep = new[] { ThreeDrafts[0], ThreeDrafts[2], Node("n002", NodeOperator.Draft, NodeStatus.Ok, 0.1), Node("n004", NodeOperator.Debug, NodeStatus.Buggy, null, 2, "n002") };
        Assert.DoesNotContain(Enumerable.Range(0, 30), step => policy.Next(State(tooDeep, step))!.Operator == NodeOperator.Debug);
    }

    [Fact]
    public void StagedMergesTheTopCandidatesLateAndMovesOnFromExhaustedNodes()
    {
        var policy = new StagedPolicy();
        var working = new[] { ThreeDrafts[0], ThreeDrafts[2], Node("n002", NodeOperator.Draft, NodeStatus.Ok, 0.75) };
        Assert.Equal(NodeOperator.Improve, policy.Next(State(working, progress: 0.2))!.Operator);

        var late = policy.Next(State(working, progress: 0.9))!;
        Assert.Equal(NodeOperator.Merge, late.Operator);
        Assert.Equal(["n003", "n002"], late.ParentIds);

        var merged = working.Append(Node("n004", NodeOperator.Merge, NodeStatus.Ok, 0.6, 0, "n003", "n002")).ToList();
        Assert.Equal(["n003", "n001"], policy.Next(State(merged, progress: 0.9))!.ParentIds);

        var exhausted = working.Concat(Enumerable.Range(5, 3).Select(i => Node($"n00{i}", NodeOperator.Improve, NodeStatus.Ok, 0.5, 0, "n003"))).ToList();
        var next = policy.Next(State(exhausted, progress: 0.2))!;
        Assert.Equal(["n002"], next.ParentIds);
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("greedy")]
    public void A_policy_whose_rules_are_used_up_improves_the_best_node_when_the_planner_has_no_plan_left(string name)
    {
        var drafts = new[] { Node("n001", NodeOperator.Draft, NodeStatus.Ok, 0.7), Node("n002", NodeOperator.Draft, NodeStatus.Ok, 0.8), Node("n003", NodeOperator.Draft, NodeStatus.Ok, 0.75) };
        var number = 4;
        PolicyNode Child(NodeOperator op, params string[] parents) => Node($"n{number++:D3}", op, NodeStatus.Pruned, null, 0, parents);
        var improves = drafts.SelectMany(d => Enumerable.Range(0, 5).Select(_ => Child(NodeOperator.Improve, d.Id)));
        var merges = new[] { Child(NodeOperator.Merge, "n002", "n003"), Child(NodeOperator.Merge, "n002", "n001"), Child(NodeOperator.Merge, "n003", "n001") };
        var usedUp = drafts.Concat(improves).Concat(merges).ToList();
        var policy = PolicyFactory.Create(name);

        var withPlans = policy.Next(State(usedUp))!;
        var withoutPlans = policy.Next(State(usedUp) with { PlansExhausted = true })!;

        Assert.Equal(NodeOperator.Draft, withPlans.Operator);
        Assert.Equal(NodeOperator.Improve, withoutPlans.Operator);
        Assert.Equal(["n002"], withoutPlans.ParentIds);
    }

    [Fact]
    public void UctPrefersAPromisingBranchWithFewVisits()
    {
        var nodes = new List<PolicyNode>
        {
            Node("n001", NodeOperator.Draft, NodeStatus.Ok, 0.80),
            Node("n002", NodeOperator.Draft, NodeStatus.Ok, 0.79),
            Node("n003", NodeOperator.Draft, NodeStatus.Ok, 0.50),
        };
        nodes.AddRange(Enumerable.Range(4, 6).Select(i => Node($"n00{i}", NodeOperator.Improve, NodeStatus.Ok, 0.6, 0, "n001")));
        var picks = Enumerable.Range(0, 30).Select(step => new UctPolicy().Next(State(nodes, step))!)
            .Where(a => a.Operator == NodeOperator.Improve).Select(a => a.ParentIds[0]).ToList();
        Assert.NotEmpty(picks);
        Assert.All(picks, p => Assert.Equal("n002", p));
    }
}
