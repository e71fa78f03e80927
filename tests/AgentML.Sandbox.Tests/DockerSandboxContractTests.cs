using AgentML.Sandbox.Docker;
using Docker.DotNet.Models;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// The contract suite on the Docker back end. Skipped, with the engine's error as the reason, only where no
/// Docker engine answers; a missing image is a failure (scripts/setup.sh --docker builds it).
/// </summary>
public sealed class DockerSandboxContractTests : SandboxContractTests
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

    private readonly List<DockerSandbox> _created = [];

    protected override ISandbox CreateSandbox()
    {
        Skip.If(EngineProblem.Value is not null, "No Docker engine: " + EngineProblem.Value);
        var sandbox = (DockerSandbox)new SandboxFactory().Create(SandboxKinds.Docker);
        _created.Add(sandbox);
        return sandbox;
    }

    protected override async Task AssertNothingLeftAsync(string marker)
    {
        await base.AssertNothingLeftAsync(marker);
        var engine = _created[^1].Engine;
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{SandboxImage.NodeLabel}={marker}"] = true } };
        var left = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters });
        Assert.Empty(left);
    }
}
