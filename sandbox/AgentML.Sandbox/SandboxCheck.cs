namespace AgentML.Sandbox;

/// <summary>Runs the tiny check program (sandbox/image/check.py) in a sandbox, the way solve runs programs.</summary>
public static class SandboxCheck
{
    /// <summary>Runs the check under <paramref name="workDirectory"/> (input/ and the sandbox root are created there).</summary>
    public static Task<SandboxResult> RunAsync(ISandbox sandbox, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var input = Directory.CreateDirectory(Path.Combine(workDirectory, "input")).FullName;
        File.WriteAllText(Path.Combine(input, "train.csv"), "id,x,y\n1,0.5,0\n2,1.5,1\n");
        var job = SandboxJob.ForSolution(SandboxAssets.Read(SandboxAssets.Check), input, Path.Combine(workDirectory, sandbox.Name), TimeSpan.FromSeconds(120), seed: 0, memoryLimitMb: 1024);
        return sandbox.RunAsync(job, null, cancellationToken);
    }
}
