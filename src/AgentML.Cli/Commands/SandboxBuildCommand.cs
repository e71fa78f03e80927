using AgentML.Sandbox;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>`agentml sandbox build [--force]`: the offline image build (about 80 s here); a no-op when the image exists.</summary>
internal sealed class SandboxBuildCommand : AsyncCommand<SandboxBuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SandboxBuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var loggers = SandboxConsole.Loggers(settings.Verbose);
        var builder = new SandboxImageBuilder(settings.Options(SandboxKinds.Docker), loggers, TimeProvider.System);
        var log = new Progress<string>(line => Console.Error.WriteLine(line));
        var result = await builder.BuildAsync(settings.Force, log, cancellationToken, settings.Online);
        AnsiConsole.MarkupLine(result.Built
            ? $"[green]built[/] {Markup.Escape(result.Image)} in {SandboxConsole.Seconds(result.Duration)} ({Markup.Escape(Short(result.ImageId))})"
            : $"{Markup.Escape(result.Image)} is already present ({Markup.Escape(Short(result.ImageId))}); use --force to rebuild");
        return 0;
    }

    private static string Short(string? id) => id is null ? "?" : id.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, id.Length)];
}
