using System.Globalization;
using AgentML.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;

namespace AgentML.Cli.Commands;

/// <summary>Console helpers of the sandbox commands: logging to stderr and printing results.</summary>
internal static class SandboxConsole
{
    public static ILoggerFactory Loggers(bool verbose) => LoggerFactory.Create(b => b
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddSimpleConsole(o => o.SingleLine = true)
        .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    /// <summary>
    /// A fresh folder under the temp folder that other users may traverse (mode 0755), so the process back end
    /// can run the program as its unprivileged user there.
    /// </summary>
    public static DirectoryInfo CreateWorkDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        return OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, (UnixFileMode)0b111_101_101);
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long? bytes) =>
        bytes is { } b ? (b / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "n/a";

    public static string Metric(MetricLine m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Name}[{m.Step}] = {m.Value:G6} at {m.Elapsed.TotalSeconds:0.00} s");

    /// <summary>Prints a result: reason, exit code, duration, peak memory, note, metrics and the output (tail).</summary>
    public static void Print(SandboxResult result, int outputLines, bool metricsShownLive = false)
    {
        var color = result.Succeeded ? "green" : "red";
        var table = new Table().HideHeaders().Border(TableBorder.None).AddColumns("", "");
        table.AddRow("reason", $"[{color}]{Markup.Escape(result.Reason.ToString())}[/]");
        table.AddRow("exit code", result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "n/a");
        table.AddRow("duration", Seconds(result.Duration));
        table.AddRow("peak memory", Megabytes(result.PeakMemoryBytes));
        table.AddRow("output", result.OutputBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        if (result.Message is { } message)
        {
            table.AddRow("note", Markup.Escape(message));
        }

        AnsiConsole.Write(table);
        foreach (var metric in metricsShownLive ? [] : result.Metrics)
        {
            AnsiConsole.MarkupLine("  metric " + Markup.Escape(Metric(metric)));
        }

        var lines = result.Output.Split('\n');
        var shown = lines.TakeLast(outputLines).ToArray();
        AnsiConsole.MarkupLine($"[grey]--- output ({(shown.Length < lines.Length ? $"last {shown.Length} lines" : "all")}) ---[/]");
        foreach (var line in shown)
        {
            AnsiConsole.WriteLine(line);
        }
    }
}
