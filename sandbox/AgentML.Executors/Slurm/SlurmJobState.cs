namespace AgentML.Executors.Slurm;

/// <summary>A Slurm job state (squeue/scontrol/sacct spelling: PENDING, RUNNING, TIMEOUT, ...).</summary>
public enum SlurmJobState
{
    Unknown,
    Pending,
    Configuring,
    Running,
    Completing,
    Suspended,
    Requeued,
    Completed,
    Failed,
    Cancelled,
    Timeout,
    OutOfMemory,
    NodeFail,
    Preempted,
    BootFail,
    Deadline,
}

/// <summary>What a job's state means to AgentML: finished or not, and whether it is worth submitting again.</summary>
public static class SlurmStates
{
    /// <summary>Parses a state word ("CANCELLED by 0" and "RUNNING+" forms included); unknown words give Unknown.</summary>
    public static SlurmJobState Parse(string? text)
    {
        var word = (text ?? "").Trim().Split(' ', '+')[0].ToUpperInvariant();
        return word switch
        {
            "PENDING" or "PD" => SlurmJobState.Pending,
            "CONFIGURING" or "CF" => SlurmJobState.Configuring,
            "RUNNING" or "R" => SlurmJobState.Running,
            "COMPLETING" or "CG" => SlurmJobState.Completing,
            "SUSPENDED" or "S" or "STOPPED" or "ST" => SlurmJobState.Suspended,
            "REQUEUED" or "RQ" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESIZING" => SlurmJobState.Requeued,
            "COMPLETED" or "CD" => SlurmJobState.Completed,
            "FAILED" or "F" => SlurmJobState.Failed,
            "CANCELLED" or "CA" => SlurmJobState.Cancelled,
            "TIMEOUT" or "TO" => SlurmJobState.Timeout,
            "OUT_OF_MEMORY" or "OOM" => SlurmJobState.OutOfMemory,
            "NODE_FAIL" or "NF" => SlurmJobState.NodeFail,
            "PREEMPTED" or "PR" => SlurmJobState.Preempted,
            "BOOT_FAIL" or "BF" => SlurmJobState.BootFail,
            "DEADLINE" or "DL" => SlurmJobState.Deadline,
            _ => SlurmJobState.Unknown,
        };
    }

    /// <summary>True once the job will not run (again) by itself.</summary>
    public static bool IsFinal(SlurmJobState state) => state is SlurmJobState.Completed or SlurmJobState.Failed
        or SlurmJobState.Cancelled or SlurmJobState.Timeout or SlurmJobState.OutOfMemory or SlurmJobState.NodeFail
        or SlurmJobState.Preempted or SlurmJobState.BootFail or SlurmJobState.Deadline;

    /// <summary>
    /// The retry rule: a job lost to the cluster (preempted, node failure, boot failure) is submitted again; a job
    /// that ran out of its time or memory, failed or was cancelled is not (the same run would end the same way).
    /// </summary>
    public static bool IsRetryable(SlurmJobState state) => state is SlurmJobState.Preempted or SlurmJobState.NodeFail or SlurmJobState.BootFail;

    /// <summary>The slurm spelling of a state, for messages.</summary>
    public static string Name(SlurmJobState state) => state switch
    {
        SlurmJobState.OutOfMemory => "OUT_OF_MEMORY",
        SlurmJobState.NodeFail => "NODE_FAIL",
        SlurmJobState.BootFail => "BOOT_FAIL",
        _ => state.ToString().ToUpperInvariant(),
    };
}

/// <summary>What Slurm says about one job.</summary>
public sealed record SlurmJobInfo(string JobId, SlurmJobState State, string? Reason, int? ExitCode)
{
    public bool IsFinal => SlurmStates.IsFinal(State);
}
