using AgentML.Sandbox.Docker;
using AgentML.Testing;
using Docker.DotNet.Models;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// The contract suite on the Docker back end. Skipped, with the engine's error as the reason, only where no
/// Docker engine answers; a missing image is a failure (scripts/setup.sh --docker builds it).
/// </summary>
public sealed class DockerSandboxContractTests : SandboxContractTests
{
    private readonly List<DockerSandbox> _created = [];

    protected override ISandbox CreateSandbox()
    {
        Skip.If(DockerAvailability.Problem is not null, "No Docker engine: " + DockerAvailability.Problem);
        var sandbox = (DockerSandbox)new SandboxFactory().Create(SandboxKinds.Docker);
        _created.Add(sandbox);
        return sandbox;
    }

    [SkippableFact]
    public async Task StaleContainersOfDeadOwnersAreReapedAtStartUp()
    {
        using var sandbox = (DockerSandbox)CreateSandbox();
        _created.Remove(sandbox);
        var deadPid = Enumerable.Range(3_000_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        var marker = Marker();
        var labels = new Dictionary<string, string>
        {
            [SandboxImage.OwnerLabel] = $"{deadPid}@{Environment.MachineName}",
            [SandboxImage.NodeLabel] = marker,
        };
        var engine = sandbox.Engine;
        await engine.EnsureImageAsync(SandboxImage.DefaultTag, CancellationToken.None);
        var stale = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = SandboxImage.DefaultTag,
            Cmd = ["true"],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        labels[SandboxImage.OwnerLabel] = $"{deadPid}@another-host";
        var foreign = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = SandboxImage.DefaultTag, Cmd = ["true"], Labels = labels });
        try
        {
            await sandbox.EnsureReadyAsync(SandboxImage.DefaultTag, CancellationToken.None);

            var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{SandboxImage.NodeLabel}={marker}"] = true } };
            var left = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters });
            Assert.Equal([foreign.ID], left.Select(c => c.ID));
        }
        finally
        {
            await engine.RemoveAsync(stale.ID, CancellationToken.None);
            await engine.RemoveAsync(foreign.ID, CancellationToken.None);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _created.ForEach(s => s.Dispose());
        }

        base.Dispose(disposing);
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
