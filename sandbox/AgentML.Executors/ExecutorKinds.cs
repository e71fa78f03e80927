namespace AgentML.Executors;

/// <summary>Where programs and bench runs execute: on this machine or as Slurm jobs.</summary>
public static class ExecutorKinds
{
    public const string Local = "local";

    public const string Slurm = "slurm";

    public static IReadOnlyList<string> All { get; } = [Local, Slurm];

    /// <summary>The normalised kind; throws <see cref="UserFacingException"/> naming the choices.</summary>
    public static string Validate(string? kind)
    {
        var k = (kind ?? Local).Trim().ToLowerInvariant();
        return All.Contains(k, StringComparer.Ordinal)
            ? k
            : throw new UserFacingException($"--executor '{kind}': expected {string.Join(" or ", All)}.");
    }
}
