using AgentML.Core.Runs;
using AgentML.Sandbox;

namespace AgentML.Search.Engine;

/// <summary>The sandbox's reasons in the run domain's words.</summary>
internal static class SandboxReasons
{
    public static ExecutionReason ToExecutionReason(this SandboxReason reason) => reason switch
    {
        SandboxReason.Ok => ExecutionReason.Ok,
        SandboxReason.Error => ExecutionReason.Error,
        SandboxReason.Timeout => ExecutionReason.Timeout,
        SandboxReason.OutOfMemory => ExecutionReason.OutOfMemory,
        _ => ExecutionReason.Killed,
    };
}
