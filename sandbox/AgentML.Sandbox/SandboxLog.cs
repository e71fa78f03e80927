using Microsoft.Extensions.Logging;

namespace AgentML.Sandbox;

/// <summary>The sandboxes' log messages on every run (source-generated: no boxing, no parsing per call).</summary>
// One message a line: level, text and the typed arguments it takes.
internal static partial class SandboxLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Started {Command} as pid {Pid}")] public static partial void ProcessStarted(this ILogger logger, string command, int pid);
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")] public static partial void IsolationWarning(this ILogger logger, string warning);
    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} stale sandbox container(s)")] public static partial void StaleContainersRemoved(this ILogger logger, int count);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: created in {Create:0} ms, removed in {Remove:0} ms, {Total:0} ms in all")] public static partial void ContainerTimes(this ILogger logger, string id, double create, double remove, double total);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: attached and started in {Ms:0} ms")] public static partial void ContainerStarted(this ILogger logger, string id, double ms);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: ran and inspected in {Ms:0} ms")] public static partial void ContainerRan(this ILogger logger, string id, double ms);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Id}: the output stream did not end after it was closed; leaving it behind")] public static partial void OutputStreamLeft(this ILogger logger, string id);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: the memory watch did not stop in time; leaving it behind")] public static partial void MemoryWatchLeft(this ILogger logger, string id);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: output drained after {Ms:0} ms")] public static partial void OutputDrained(this ILogger logger, string id, double ms);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: the engine's wait failed; polling its state instead")] public static partial void WaitFailed(this ILogger logger, Exception exception, string id);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: exited without an answer to the engine's wait")] public static partial void ExitedWithoutWait(this ILogger logger, string id);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Id}: inspect failed")] public static partial void InspectFailed(this ILogger logger, Exception exception, string id);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Container {Id}: memory watch ended ({Error})")] public static partial void MemoryWatchEnded(this ILogger logger, string id, string error);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Docker: {Warning}")] public static partial void DockerWarning(this ILogger logger, string warning);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Id}: kill failed; it is removed by force next")] public static partial void KillFailed(this ILogger logger, Exception exception, string id);
}
