namespace AgentML.Core.Runs;

/// <summary>Why an execution ended.</summary>
public enum ExecutionReason
{
    /// <summary>Not finished yet.</summary>
    None,

    /// <summary>Ran to the end and wrote a valid submission.</summary>
    Ok,

    /// <summary>The program failed (non-zero exit).</summary>
    Error,

    /// <summary>The program ran past its time limit.</summary>
    Timeout,

    /// <summary>The program ran past its memory limit.</summary>
    OutOfMemory,

    /// <summary>The sandbox killed the program for another reason.</summary>
    Killed,

    /// <summary>In-run stopping: its per-fold metric could not catch up with the best node.</summary>
    StoppedEarly,

    /// <summary>The submission or out-of-fold file does not fit the task's format.</summary>
    InvalidSubmission,

    /// <summary>The program exited 0 without writing its submission.</summary>
    MissingSubmission,

    /// <summary>The run's time budget ran out while it ran.</summary>
    Budget,

    /// <summary>The sandbox itself failed (not the program).</summary>
    SandboxFailure,
}
