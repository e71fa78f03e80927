using System.Diagnostics;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>Runs a rendered program with Debian's Python in a sandbox-like folder (input/ copies, working/, submission/).</summary>
internal static class PythonRunner
{
    public const string Python = "/usr/bin/python3";

    public static async Task<(int ExitCode, string Output)> RunAsync(string code, string taskName, string folder, int timeLimitSeconds = 120)
    {
        Directory.CreateDirectory(Path.Combine(folder, "input"));
        Directory.CreateDirectory(Path.Combine(folder, "working"));
        foreach (var file in new[] { "train.csv", "test.csv", "sample_submission.csv" })
        {
            File.Copy(Path.Combine(TestPaths.Task(taskName), "public", file), Path.Combine(folder, "input", file), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "solution.py"), code);
        return await ExecAsync(folder, ["solution.py"], timeLimitSeconds);
    }

    public static async Task<(int ExitCode, string Output)> ExecAsync(string folder, string[] arguments, int timeLimitSeconds = 120)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AGENTML_THREADS"] = "1";
        start.Environment["AGENTML_SEED"] = "0";
        start.Environment["AGENTML_TIME_LIMIT_S"] = timeLimitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
