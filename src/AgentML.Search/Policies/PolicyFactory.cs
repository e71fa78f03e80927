namespace AgentML.Search.Policies;

/// <summary>Policies by name.</summary>
public static class PolicyFactory
{
    public static IReadOnlyList<string> Names { get; } = ["staged", "greedy", "uct"];

    public static ISearchPolicy Create(string name) => name.ToLowerInvariant() switch
    {
        "staged" => new StagedPolicy(),
        "greedy" or "aide" => new GreedyPolicy(),
        "uct" or "mcts" => new UctPolicy(),
        _ => throw new UserFacingException($"--policy {name}: unknown policy; use one of {string.Join(", ", Names)}."),
    };
}
