using AgentML.Sandbox.Local;

namespace AgentML.Sandbox.Tests;

/// <summary>The contract suite on the process back end.</summary>
public sealed class ProcessSandboxContractTests : SandboxContractTests
{
    private static readonly Lazy<ProcessIsolation> Isolation = new(() => ProcessIsolation.DetectAsync(new SandboxOptions(), CancellationToken.None).GetAwaiter().GetResult());

    protected override string? ForkBombSkipReason =>
        Isolation.Value.Cgroups?.PidsParent is null ? "no pids cgroup here: the process back end cannot cap the process count (the Docker back end does)" : null;

    protected override string? ContainmentSkipReason =>
        Isolation.Value.FreshRoot ? null : "bubblewrap cannot be used here: " + Isolation.Value.Warnings[0];

    protected override ISandbox CreateSandbox() => new SandboxFactory().Create(SandboxKinds.Process);
}
