using System.Diagnostics;
using AgentML.Executors.Slurm;

namespace AgentML.Executors.Tests;

/// <summary>
/// The one-node cluster that scripts/setup.sh --slurm starts. Tests that need it call <see cref="Require"/>: when the
/// cluster is not up they FAIL (never skip), naming why (the status file setup wrote, or what scontrol says).
/// </summary>
internal static class SlurmCluster
{
    public const string StatusFile = "/tmp/agentml-slurm/status";

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>Fails the test with the reason when the cluster cannot run jobs.</summary>
    public static void Require()
    {
        if (Problem.Value is { } why)
        {
            Assert.Fail("The one-node Slurm cluster is not available, so the Slurm tests cannot run: " + why
                + ". Start it with `bash scripts/setup.sh --slurm` (root; installs slurm-wlm and munge).");
        }
    }

    /// <summary>Options for test jobs: the built agentml.dll as the worker, a private shared folder, fast polling.</summary>
    public static SlurmOptions Options(string shared) => new()
    {
        SharedDirectory = shared,
        WorkerCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "agentml.dll")],
        PollInterval = TimeSpan.FromMilliseconds(300),
        TimeGrace = TimeSpan.FromMinutes(1),
    };

    /// <summary>squeue's view of a job: its state word, or "" once it left the queue.</summary>
    public static string QueueState(string jobId)
    {
        var (_, output) = Run("squeue", "-h", "-j", jobId, "-o", "%T");
        return output.Trim();
    }

    /// <summary>Job ids in the queue whose name starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> QueuedJobs(string prefix)
    {
        var (_, output) = Run("squeue", "-h", "-o", "%i %j");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim().Split(' ', 2))
            .Where(p => p.Length == 2 && p[1].StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[0]).ToArray();
    }

    public static (int Code, string Output) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr);
    }

    private static string? Probe()
    {
        string status;
        try
        {
            status = File.Exists(StatusFile) ? File.ReadAllText(StatusFile).Trim() : $"{StatusFile} does not exist (setup.sh --slurm did not run)";
        }
        catch (IOException ex)
        {
            status = ex.Message;
        }

        if (status != "ok")
        {
            return status;
        }

        try
        {
            var (code, output) = Run("scontrol", "ping");
            return code == 0 && output.Contains("UP", StringComparison.Ordinal) ? null : "scontrol ping: " + output.Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "scontrol is not installed: " + ex.Message;
        }
    }
}
