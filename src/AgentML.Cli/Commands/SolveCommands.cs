using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the solve commands.</summary>
internal static class SolveCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
