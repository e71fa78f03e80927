using System.Diagnostics;
using Polly;
using Polly.Timeout;

namespace AgentML.Sandbox.Local;

/// <summary>The outcome of a trusted helper command (a probe, a build script).</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs trusted helper commands (probes, the image build) to completion with a Polly timeout. Not for untrusted
/// programs: those go through <see cref="ProcessSandbox"/>.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/>; lines of stdout/stderr also go to <paramref name="lines"/> as they come.</summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IProgress<string>? lines = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new CommandResult(127, "", $"{fileName}: {ex.Message}", TimedOut: false);
        }

        process.StandardInput.Close();
        var stdout = ReadLinesAsync(process.StandardOutput, lines);
        var stderr = ReadLinesAsync(process.StandardError, lines);
        var pipeline = new ResiliencePipelineBuilder().AddTimeout(timeout).Build();
        var timedOut = false;
        try
        {
            await pipeline.ExecuteAsync(static async (p, ct) => await p.WaitForExitAsync(ct).ConfigureAwait(false), process, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            timedOut = ex is TimeoutRejectedException;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut);
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, IProgress<string>? lines)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            text.AppendLine(line);
            lines?.Report(line);
        }

        return text.ToString();
    }
}
