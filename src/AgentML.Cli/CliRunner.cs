using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli;

/// <summary>Runs the command app and turns user errors into one clear line and exit code 2, never a stack trace.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(CommandApp app, string[] args)
    {
        try
        {
            return await app.RunAsync(args);
        }
        catch (CommandParseException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 2;
        }
        catch (CommandRuntimeException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 2;
        }
        catch (UserFacingException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
    }
}
