using AgentML.Sandbox;
using AgentML.Sandbox.Docker;

namespace AgentML.Testing;

/// <summary>Whether a Docker engine answers here, asked once per test run; tests that need one skip with the reason.</summary>
public static class DockerAvailability
{
    private static readonly Lazy<string?> EngineProblem = new(() =>
    {
        using var sandbox = new DockerSandbox(new SandboxOptions { Kind = SandboxKinds.Docker });
        try
        {
            sandbox.Engine.VersionAsync(CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (UserFacingException ex)
        {
            return ex.Message;
        }
    });

    /// <summary>Null when the engine answers; otherwise its error, to use as the skip reason.</summary>
    public static string? Problem => EngineProblem.Value;
}
