namespace AgentML.Sandbox;

/// <summary>Runs one untrusted program with limits. Implemented by the process and Docker back ends.</summary>
public interface ISandbox
{
    /// <summary>"process" or "docker".</summary>
    string Name { get; }

    /// <summary>
    /// Runs <paramref name="job"/> to completion, timeout, out-of-memory or cancellation. Metric lines are
    /// reported through <paramref name="progress"/> as they are printed. Cancelling <paramref name="cancellationToken"/>
    /// kills the program and returns a result with reason <see cref="SandboxReason.Killed"/> (it does not throw).
    /// </summary>
    Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken);
}
