using AgentML.Core.Runs;
using AgentML.Core.Grading;
using AgentML.Sandbox;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Engine;

/// <summary>What to run: a node's program on one input folder at one fidelity.</summary>
internal sealed record EvaluationRequest(NodeRecord Node, Fidelity Fidelity, string InputDirectory, double TrainFraction, TimeSpan TimeLimit)
{
    /// <summary>Called with the metric lines so far; true stops the run (in-run early stopping).</summary>
    public Func<IReadOnlyList<(string Name, int Step, double Value)>, bool>? StopWhen { get; init; }

    /// <summary>Copy the program's submission here before the sandbox root is removed.</summary>
    public string? KeepSubmissionAs { get; init; }

    /// <summary>Grade on the development answers (false for the final re-run, which has no labels).</summary>
    public bool Grade { get; init; } = true;
}

/// <summary>
/// Runs a node's program in the sandbox and scores its submission on the held-out development labels with the
/// task's metric (the orchestrator's score, never the program's). Writes the output under nodes/&lt;id&gt;/.
/// </summary>
internal sealed class CandidateEvaluator
{
    private const int MaxStoredOutput = 12_000;
    private readonly ISandbox _sandbox;
    private readonly SubmissionGrader _grader = new();
    private readonly ILogger _logger;

    public CandidateEvaluator(ISandbox sandbox, ILogger logger)
    {
        _sandbox = sandbox;
        _logger = logger;
    }

    public async Task<ExecutionRecord> RunAsync(RunState state, EvaluationRequest request, CancellationToken cancellationToken)
    {
        var node = request.Node;
        var root = state.Paths.SandboxRoot(node.Id, request.Fidelity);
        TryDelete(root);
        Directory.CreateDirectory(root);
        var execution = new ExecutionRecord
        {
            RunId = state.Run.Id,
            NodeId = node.Id,
            TaskId = state.Task.Id,
            Metric = state.Task.Metric,
            Fidelity = request.Fidelity,
            TrainFraction = request.TrainFraction,
            StartedAt = state.UtcNow,
        };

        var job = SandboxJob.ForSolution(node.Code, request.InputDirectory, root, request.TimeLimit, state.Settings.Seed,
            state.Settings.ThreadsPerProgram, state.Settings.MemoryLimitMb) with
        {
            Labels = new Dictionary<string, string> { ["agentml.run"] = state.Run.Id, ["agentml.node"] = node.Id },
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = new MetricMonitor(request.StopWhen, stop);
        SandboxResult result;
        try
        {
            result = await _sandbox.RunAsync(job, monitor, stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Sandbox failed on {Node} ({Fidelity})", node.Id, request.Fidelity);
            execution.Reason = ExecutionReason.SandboxFailure;
            execution.Error = "sandbox failed: " + ex.Message;
            execution.FinishedAt = state.UtcNow;
            TryDelete(root);
            return execution;
        }

        execution.FinishedAt = state.UtcNow;
        execution.ExitCode = result.ExitCode;
        execution.DurationSeconds = result.Duration.TotalSeconds;
        execution.PeakMemoryBytes = result.PeakMemoryBytes;
        execution.EarlyMetrics = result.Metrics.Select(m => new MetricPoint { Name = m.Name, Step = m.Step, Value = m.Value, ElapsedSeconds = m.Elapsed.TotalSeconds }).ToList();
        if (execution.EarlyMetrics.Count < monitor.Lines.Count)
        {
            execution.EarlyMetrics = monitor.Lines.Select(m => new MetricPoint { Name = m.Name, Step = m.Step, Value = m.Value }).ToList();
        }

        var output = result.Output;
        execution.Output = output.Length <= MaxStoredOutput ? output : output[..(MaxStoredOutput / 2)] + "\n...\n" + output[^(MaxStoredOutput / 2)..];
        WriteOutput(state.Paths.NodeOutput(node.Id, request.Fidelity), result);

        var submission = SandboxJob.SubmissionPath(root);
        if (monitor.Stopped)
        {
            execution.Reason = ExecutionReason.StoppedEarly;
            execution.Error = "stopped early: its per-fold metric could not catch up with the best node";
        }
        else if (cancellationToken.IsCancellationRequested)
        {
            execution.Reason = ExecutionReason.Budget;
            execution.Error = "stopped: the run's time budget ran out";
        }
        else if (!result.Succeeded)
        {
            execution.Reason = result.Reason.ToExecutionReason();
            execution.Error = DescribeFailure(result);
        }
        else if (!File.Exists(submission))
        {
            execution.Reason = ExecutionReason.MissingSubmission;
            execution.Error = "the program exited 0 but wrote no submission/submission.csv";
        }
        else
        {
            if (request.KeepSubmissionAs is { } keep)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(keep)!);
                File.Copy(submission, keep, overwrite: true);
            }

            if (request.Grade)
            {
                var graded = request.Fidelity == Fidelity.Full && state.Split.PredictsTaskTest
                    ? SearchSubmissions.Split(state, node.Id, submission, Path.Combine(root, "submission-dev.csv"))
                    : submission;
                var grade = _grader.Grade(state.DevTask, graded, state.Split.AnswersPath);
                execution.Score = grade.Score;
                execution.Reason = grade.IsValid ? ExecutionReason.Ok : ExecutionReason.InvalidSubmission;
                execution.Error = grade.IsValid ? null : "invalid submission: " + grade.InvalidReason;
            }
            else
            {
                execution.Reason = ExecutionReason.Ok;
            }
        }

        TryDelete(root);
        return execution;
    }

    /// <summary>The failure in one or two lines: sandbox reason, its message and the last exception line of the output.</summary>
    private static string DescribeFailure(SandboxResult result)
    {
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.LastOrDefault(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal))
            ?? lines.LastOrDefault() ?? "";
        var reason = result.Reason.ToExecutionReason();
        var message = string.IsNullOrWhiteSpace(result.Message) ? "" : $" ({result.Message})";
        return $"{reason}{(result.ExitCode is { } code ? $" exit {code}" : "")}{message}: {last}".TrimEnd(' ', ':');
    }

    private static void WriteOutput(string path, SandboxResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var header = $"# reason={result.Reason.ToExecutionReason()} exit={result.ExitCode} duration={result.Duration.TotalSeconds:F1}s peak_memory={result.PeakMemoryBytes}\n";
        File.WriteAllText(path, header + result.Output);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Collects metric lines as they arrive and cancels the run when the stop rule says so.</summary>
    private sealed class MetricMonitor(Func<IReadOnlyList<(string Name, int Step, double Value)>, bool>? stopWhen, CancellationTokenSource stop) : IProgress<MetricLine>
    {
        private readonly Lock _gate = new();
        private readonly List<(string Name, int Step, double Value)> _lines = [];

        public bool Stopped { get; private set; }

        public IReadOnlyList<(string Name, int Step, double Value)> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public void Report(MetricLine value)
        {
            IReadOnlyList<(string, int, double)> snapshot;
            lock (_gate)
            {
                _lines.Add((value.Name, value.Step, value.Value));
                snapshot = [.. _lines];
            }

            if (stopWhen is not null && !Stopped && stopWhen(snapshot))
            {
                Stopped = true;
                stop.Cancel();
            }
        }
    }
}
