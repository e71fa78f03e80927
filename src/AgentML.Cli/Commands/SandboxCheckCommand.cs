using AgentML.Sandbox;
using AgentML.Sandbox.Docker;
using AgentML.Sandbox.Local;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>
/// `agentml sandbox check`: the Python of the process back end and its packages, the isolation this machine allows,
/// the Docker engine and image, and a tiny program run in each back end. Exit code 0 when both back ends work.
/// </summary>
internal sealed class SandboxCheckCommand : AsyncCommand<SandboxCommonSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SandboxCommonSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var loggers = SandboxConsole.Loggers(settings.Verbose);
        var factory = new SandboxFactory(loggers, TimeProvider.System);
        var work = SandboxConsole.CreateWorkDirectory("agentml-check-");
        try
        {
            var processOk = await CheckProcessAsync((ProcessSandbox)factory.Create(settings.Options(SandboxKinds.Process)), work.FullName, cancellationToken);
            using var docker = (DockerSandbox)factory.Create(settings.Options(SandboxKinds.Docker));
            var dockerOk = await CheckDockerAsync(docker, settings, work.FullName, cancellationToken);
            return processOk && dockerOk ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<bool> CheckProcessAsync(ProcessSandbox sandbox, string work, CancellationToken cancellationToken)
    {
        Section("process back end");
        PythonInfo python;
        try
        {
            python = await sandbox.PythonAsync(cancellationToken);
        }
        catch (UserFacingException ex)
        {
            Fail("python", ex.Message);
            return false;
        }

        var full = await PythonLocator.ProbeAsync(python.Path, python.Source, ["sklearn", "pandas", "numpy", "scipy", "xgboost"], cancellationToken) ?? python;
        Line("python", full.ToString());
        var isolation = await sandbox.IsolationAsync(cancellationToken);
        foreach (var mechanism in isolation.Describe())
        {
            Line("isolation", mechanism);
        }

        foreach (var warning in isolation.Warnings)
        {
            AnsiConsole.MarkupLine($"  [yellow]warning[/] {Markup.Escape(warning)}");
        }

        return await RunCheckAsync(sandbox, work, cancellationToken);
    }

    private static async Task<bool> CheckDockerAsync(DockerSandbox sandbox, SandboxCommonSettings settings, string work, CancellationToken cancellationToken)
    {
        Section("docker back end");
        try
        {
            var version = await sandbox.Engine.VersionAsync(cancellationToken);
            Line("engine", $"Docker {version.Version} (API {version.APIVersion}) at {sandbox.Engine.Endpoint}");
            var image = settings.Image;
            var inspected = await sandbox.Engine.InspectImageAsync(image, cancellationToken);
            if (inspected is null)
            {
                Fail("image", $"{image} is missing: build it with `agentml sandbox build`");
                return false;
            }

            var versions = inspected.Config?.Labels?.TryGetValue("agentml.sandbox.versions", out var v) == true ? v : "versions not labelled";
            Line("image", $"{image} {inspected.ID.Replace("sha256:", "", StringComparison.Ordinal)[..12]}, {inspected.Size / (1024 * 1024)} MB, user {inspected.Config?.User}; {versions}");
            foreach (var mechanism in DockerContainerSpec.Describe(settings.Options(SandboxKinds.Docker)))
            {
                Line("isolation", mechanism);
            }

            return await RunCheckAsync(sandbox, work, cancellationToken);
        }
        catch (UserFacingException ex)
        {
            Fail("engine", ex.Message);
            return false;
        }
    }

    private static async Task<bool> RunCheckAsync(ISandbox sandbox, string work, CancellationToken cancellationToken)
    {
        var result = await SandboxCheck.RunAsync(sandbox, work, cancellationToken);
        var summary = $"{result.Reason} in {SandboxConsole.Seconds(result.Duration)}, peak {SandboxConsole.Megabytes(result.PeakMemoryBytes)}, {result.Metrics.Count} metric lines";
        if (result.Succeeded && result.Metrics.Count == 2)
        {
            Line("check run", summary + (result.Message is null ? "" : "; note: " + result.Message));
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("AGENTML_METRIC", StringComparison.Ordinal)))
            {
                AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(line)}[/]");
            }

            if (result.Output.Contains(SandboxCheck.HostFileVisible, StringComparison.Ordinal))
            {
                AnsiConsole.MarkupLine($"  [yellow]warning[/] {Markup.Escape(sandbox.Name)}: the program could see a file outside its job by its host path (the host's file system is not isolated)");
            }

            return true;
        }

        Fail("check run", summary + (result.Message is null ? "" : "; " + result.Message) + "\n" + result.Output);
        return false;
    }

    private static void Section(string title) => AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");

    private static void Line(string what, string text) => AnsiConsole.MarkupLine($"  [green]ok[/] {Markup.Escape(what)}: {Markup.Escape(text)}");

    private static void Fail(string what, string text) => AnsiConsole.MarkupLine($"  [red]failed[/] {Markup.Escape(what)}: {Markup.Escape(text)}");
}
