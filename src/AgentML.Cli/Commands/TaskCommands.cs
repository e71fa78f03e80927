using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the task commands.</summary>
internal static class TaskCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
