namespace AgentML.Sandbox;

/// <summary>
/// Runs the tiny check program (sandbox/image/check.py) in a sandbox, the way solve runs programs. It also looks for
/// a world-readable file beside the job by its absolute host path and prints "host file outside the job: hidden" (or
/// VISIBLE, where the back end shows the host's file system).
/// </summary>
public static class SandboxCheck
{
    /// <summary>The line check.py prints when it could see the host file.</summary>
    public const string HostFileVisible = "host file outside the job: VISIBLE";

    /// <summary>Runs the check under <paramref name="workDirectory"/> (input/, the host file and the sandbox root are created there).</summary>
    public static Task<SandboxResult> RunAsync(ISandbox sandbox, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var input = Directory.CreateDirectory(Path.Combine(workDirectory, "input")).FullName;
        File.WriteAllText(Path.Combine(input, "train.csv"), "id,x,y\n1,0.5,0\n2,1.5,1\n");
        var hostFile = Path.Combine(Path.GetFullPath(workDirectory), $"host-file-{sandbox.Name}.txt");
        File.WriteAllText(hostFile, "not part of the job");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hostFile, (UnixFileMode)0b110_100_100);
        }

        var job = SandboxJob.ForSolution(SandboxAssets.Read(SandboxAssets.Check), input, Path.Combine(workDirectory, sandbox.Name), TimeSpan.FromSeconds(120), seed: 0, memoryLimitMb: 1024);
        job = job with { Environment = new Dictionary<string, string>(job.Environment) { ["AGENTML_CHECK_HOST_FILE"] = hostFile } };
        return sandbox.RunAsync(job, null, cancellationToken);
    }
}
