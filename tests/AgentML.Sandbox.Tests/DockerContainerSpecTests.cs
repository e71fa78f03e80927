using AgentML.Sandbox.Docker;

namespace AgentML.Sandbox.Tests;

public sealed class DockerContainerSpecTests
{
    private static readonly ResolvedMount Data = new("/host/data", "data", "/host/root/data", ReadOnly: true);
    private static readonly ResolvedMount Submission = new("/host/root/submission", "submission", "/host/root/submission", ReadOnly: false);

    [Fact]
    public void The_sandbox_image_gets_the_whole_root_bound_with_read_only_mounts_over_it()
    {
        var job = new SandboxJob { HostRoot = "/host/root", ContainerRoot = "/home" };

        var spec = DockerContainerSpec.Create(job, "/host/root", [Data, Submission], "agentml-sandbox:1", "c1", new SandboxOptions());

        var binds = spec.HostConfig.Mounts.Select(m => (m.Source, m.Target, m.ReadOnly)).ToArray();
        Assert.Equal([("/host/root", "/home", false), ("/host/data", "/home/data", true)], binds);
    }

    [Fact]
    public void A_custom_image_keeps_its_home_and_gets_only_the_mounts_and_files()
    {
        var job = new SandboxJob
        {
            HostRoot = "/host/root",
            ContainerRoot = "/home",
            Image = "my-agent:latest",
            Files = new Dictionary<string, string> { ["instructions.txt"] = "solve it" },
        };

        var spec = DockerContainerSpec.Create(job, "/host/root", [Data, Submission], "my-agent:latest", "c2", new SandboxOptions());

        var binds = spec.HostConfig.Mounts.Select(m => (m.Source, m.Target, m.ReadOnly)).ToArray();
        Assert.DoesNotContain(binds, b => b.Target == "/home");
        Assert.Equal(
            [("/host/data", "/home/data", true), ("/host/root/submission", "/home/submission", false), ("/host/root/instructions.txt", "/home/instructions.txt", true)],
            binds);
    }
}
