using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the sandbox commands.</summary>
internal static class SandboxCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
