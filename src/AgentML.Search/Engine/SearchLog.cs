using AgentML.Core.Runs;
using AgentML.Search.Policies;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Engine;

/// <summary>The search loop's, candidate runner's and evaluator's log messages (source-generated: no boxing, no parsing per call).</summary>
// One message a line: level, text and the typed arguments it takes.
internal static partial class SearchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Search time is up; stopping {Count} running candidate(s)")] public static partial void SearchTimeUp(this ILogger logger, int count);
    [LoggerMessage(Level = LogLevel.Information, Message = "The last {Count} nodes repeated programs already run; the agents have nothing new, so the search stops")] public static partial void NothingNew(this ILogger logger, int count);
    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step}: {Action} is expected to take {Seconds:F0} s; too little search time is left")] public static partial void TooLittleTime(this ILogger logger, int step, SearchAction action, double? seconds);
    [LoggerMessage(Level = LogLevel.Information, Message = "The planner has no new plan for draft {Index}")] public static partial void NoNewPlan(this ILogger logger, int index);
    [LoggerMessage(Level = LogLevel.Debug, Message = "Step {Step}: {Action}")] public static partial void Step(this ILogger logger, int step, SearchAction action);
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operator} failed for {Node}")] public static partial void OperatorFailed(this ILogger logger, Exception exception, NodeOperator @operator, string node);
    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")] public static partial void NodeFinished(this ILogger logger, string message);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox failed on {Node} ({Fidelity})")] public static partial void SandboxFailed(this ILogger logger, Exception exception, string node, string fidelity);
}
