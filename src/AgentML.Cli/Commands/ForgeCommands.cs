using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the forge commands.</summary>
internal static class ForgeCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
