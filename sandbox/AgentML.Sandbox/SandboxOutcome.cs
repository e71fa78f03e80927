using AgentML.Sandbox.Output;

namespace AgentML.Sandbox;

/// <summary>Turns what a back end observed into a <see cref="SandboxResult"/>, the same way for every back end.</summary>
public static class SandboxOutcome
{
    public static SandboxReason Classify(bool cancelled, bool timedOut, bool outOfMemory, int? exitCode) =>
        cancelled ? SandboxReason.Killed
        : timedOut ? SandboxReason.Timeout
        : outOfMemory && exitCode != 0 ? SandboxReason.OutOfMemory
        : exitCode == 0 ? SandboxReason.Ok
        : SandboxReason.Error;

    /// <summary>The result of a run cancelled before its program started.</summary>
    public static SandboxResult CancelledBeforeStart(SandboxJob job) =>
        Build(job, SandboxReason.Killed, null, TimeSpan.Zero, null, new OutputCollector(0, 0, 64, 0, () => TimeSpan.Zero, null), ["cancelled before the program started"]);

    public static SandboxResult Build(SandboxJob job, SandboxReason reason, int? exitCode, TimeSpan duration, long? peakMemoryBytes, OutputCollector output, IEnumerable<string> notes)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(output);
        var (head, tail, total, metrics) = output.Snapshot();
        var why = reason switch
        {
            SandboxReason.Timeout => $"killed after the time limit of {job.TimeLimit.TotalSeconds:0.#} s",
            SandboxReason.OutOfMemory => $"out of memory: the limit is {job.MemoryLimitMb} MB",
            SandboxReason.Killed => "killed: the run was cancelled",
            _ => null,
        };
        var message = string.Join("; ", new[] { why }.Concat(notes).OfType<string>().Select(s => s.TrimEnd('.')).Where(s => s.Length > 0));
        return new SandboxResult
        {
            Reason = reason,
            ExitCode = exitCode,
            Duration = duration,
            PeakMemoryBytes = peakMemoryBytes,
            OutputHead = head,
            OutputTail = tail,
            OutputBytes = total,
            Metrics = metrics,
            Message = message.Length == 0 ? null : message,
        };
    }
}
