using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the sandbox commands: `agentml sandbox build|check|run|overhead`.</summary>
internal static class SandboxCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("sandbox", sandbox =>
        {
            sandbox.SetDescription("Build, check and use the sandboxes that run generated programs (process and Docker back ends).");
            sandbox.AddCommand<SandboxBuildCommand>("build")
                .WithDescription("Build the Docker sandbox image offline from Debian packages (debootstrap + docker import); skipped when present.")
                .WithExample("sandbox", "build")
                .WithExample("sandbox", "build", "--force");
            sandbox.AddCommand<SandboxCheckCommand>("check")
                .WithDescription("Report the Python, isolation, Docker engine and image, and run a tiny program in each back end.")
                .WithExample("sandbox", "check");
            sandbox.AddCommand<SandboxRunCommand>("run")
                .WithDescription("Run one solution program the way solve does and print reason, exit code, duration, peak memory, metrics and output.")
                .WithExample("sandbox", "run", "solution.py", "--input", "../shared/tasks/penguin-species/public")
                .WithExample("sandbox", "run", "solution.py", "--input", "data", "--sandbox", "docker", "--time", "600", "--memory", "4096");
            sandbox.AddCommand<SandboxOverheadCommand>("overhead")
                .WithDescription("Benchmark: median overhead per run of each back end above a bare `python3 -c pass`.")
                .WithExample("sandbox", "overhead", "--runs", "20");
        });
    }
}
