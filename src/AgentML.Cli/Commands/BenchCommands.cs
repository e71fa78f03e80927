using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the bench commands.</summary>
internal static class BenchCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
