using AgentML.Core.Runs;
using AgentML.Core.Data;
using AgentML.Search.Scoring;
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

    /// <summary>A final run's training labels: its out-of-fold predictions are graded on them (a refit); null: not graded.</summary>
    public Labelled? FinalLabels { get; init; }
}

/// <summary>An execution and, for a search run that wrote predictions, the orchestrator's judgement of them.</summary>
internal sealed record Evaluation(ExecutionRecord Execution, NodeScore? Score);

/// <summary>What the metric monitor saw: whether it stopped the run, the lines, or why the sandbox failed.</summary>
internal sealed record MonitorOutcome(bool Stopped, IReadOnlyList<(string Name, int Step, double Value)> Lines, string? Failure);

/// <summary>
/// Runs a node's program in the sandbox and judges what it wrote: out-of-fold predictions on the training labels and
/// predictions of the sealed check rows, with the task's metric (the orchestrator's score, never the program's).
/// Writes the output under nodes/&lt;id&gt;/.
/// </summary>
internal sealed class CandidateEvaluator
{
    private const int MaxStoredOutput = 12_000;
    private readonly ISandbox _sandbox;
    private readonly ILogger _logger;

    public CandidateEvaluator(ISandbox sandbox, ILogger logger)
    {
        _sandbox = sandbox;
        _logger = logger;
    }

    public async Task<Evaluation> RunAsync(RunState state, EvaluationRequest request, CancellationToken cancellationToken)
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

        try
        {
            var (result, stopped) = await RunInSandboxAsync(state, request, root, cancellationToken).ConfigureAwait(false);
            execution = execution with { FinishedAt = state.UtcNow };
            if (result is null)
            {
                return new Evaluation(execution with { Reason = ExecutionReason.SandboxFailure, Error = "sandbox failed: " + stopped.Failure }, null);
            }

            execution = Record(execution, result, stopped.Lines);
            WriteOutput(state.Paths.NodeOutput(node.Id, request.Fidelity), result);
            if (Failure(result, stopped.Stopped, cancellationToken.IsCancellationRequested, root) is { } failure)
            {
                return new Evaluation(execution with { Reason = failure.Item1, Error = failure.Item2 }, null);
            }

            return Judge(state, request, root, execution);
        }
        finally
        {
            TryDelete(root);
        }
    }

    /// <summary>Runs the program; a null result when the sandbox itself failed (the reason in <c>Failure</c>).</summary>
    private async Task<(SandboxResult? Result, MonitorOutcome Outcome)> RunInSandboxAsync(
        RunState state, EvaluationRequest request, string root, CancellationToken cancellationToken)
    {
        var node = request.Node;
        var job = WithWeights(SandboxJob.ForSolution(node.Code, request.InputDirectory, root, request.TimeLimit, state.Settings.Seed,
            state.Settings.ThreadsPerProgram, state.Settings.MemoryLimitMb), state.Context.Weights) with
        {
            Labels = new Dictionary<string, string> { ["agentml.run"] = state.Run.Id, ["agentml.node"] = node.Id },
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = new MetricMonitor(request.StopWhen, stop);
        try
        {
            var result = await _sandbox.RunAsync(job, monitor, stop.Token).ConfigureAwait(false);
            return (result, new MonitorOutcome(monitor.Stopped, monitor.Lines, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.SandboxFailed(ex, node.Id, request.Fidelity.ToText());
            return (null, new MonitorOutcome(false, [], ex.Message));
        }
    }

    /// <summary>The job with the pretrained weights folder, when there is one, mounted read-only at weights/ and named by AGENTML_WEIGHTS_DIR.</summary>
    internal static SandboxJob WithWeights(SandboxJob job, PretrainedWeights weights) => weights.Directory is null
        ? job
        : job with
        {
            Mounts = [.. job.Mounts, new SandboxMount(weights.Directory, PretrainedWeights.MountName, ReadOnly: true)],
            Environment = new Dictionary<string, string>(job.Environment)
            {
                [PretrainedWeights.EnvironmentVariable] = SandboxJob.RootPlaceholder + "/" + PretrainedWeights.MountName,
            },
        };

    /// <summary>Duration, memory, metric lines and the output's head and tail.</summary>
    private static ExecutionRecord Record(ExecutionRecord execution, SandboxResult result, IReadOnlyList<(string Name, int Step, double Value)> lines)
    {
        List<MetricPoint> metrics = [.. result.Metrics.Select(m => new MetricPoint { Name = m.Name, Step = m.Step, Value = m.Value, ElapsedSeconds = m.Elapsed.TotalSeconds })];
        if (metrics.Count < lines.Count)
        {
            metrics = [.. lines.Select(m => new MetricPoint { Name = m.Name, Step = m.Step, Value = m.Value })];
        }

        var output = result.Output;
        return execution with
        {
            ExitCode = result.ExitCode,
            DurationSeconds = result.Duration.TotalSeconds,
            PeakMemoryBytes = result.PeakMemoryBytes,
            EarlyMetrics = metrics,
            Output = output.Length <= MaxStoredOutput ? output : output[..(MaxStoredOutput / 2)] + "\n...\n" + output[^(MaxStoredOutput / 2)..],
        };
    }

    /// <summary>Why the run gives no predictions to judge, or null when it ran to the end and wrote its submission.</summary>
    internal static (ExecutionReason, string)? Failure(SandboxResult result, bool stopped, bool budgetUp, string root)
    {
        if (stopped)
        {
            return (ExecutionReason.StoppedEarly, "stopped early: its per-fold metric could not catch up with the best node");
        }

        if (budgetUp)
        {
            return (ExecutionReason.Budget, "stopped: the run's time budget ran out");
        }

        if (!result.Succeeded)
        {
            return (result.Reason.ToExecutionReason(), DescribeFailure(result));
        }

        return File.Exists(SandboxJob.SubmissionPath(root))
            ? null
            : (ExecutionReason.MissingSubmission, "the program exited 0 but wrote no submission/submission.csv");
    }

    /// <summary>
    /// The orchestrator's judgement of a finished run: a final re-run's submission is kept as it is; a search run's
    /// out-of-fold and check predictions are scored (<see cref="NodeScorer"/>) and, at full fidelity, kept beside the
    /// node with its prediction of the task's test rows (for the ensemble and the submission).
    /// </summary>
    private static Evaluation Judge(RunState state, EvaluationRequest request, string root, ExecutionRecord execution)
    {
        var submissionPath = SandboxJob.SubmissionPath(root);
        if (request.KeepSubmissionAs is { } keep)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keep)!);
            File.Copy(submissionPath, keep, overwrite: true);
        }

        var oofPath = Path.Combine(Path.GetDirectoryName(submissionPath)!, "oof.csv");
        var oof = ReadOrNull(oofPath, out var oofError);
        if (request.Fidelity == Fidelity.Final)
        {
            var graded = request.FinalLabels is not { } finalLabels ? null
                : oofError is not null ? NodeScore.Invalid(oofError)
                : new NodeScorer(finalLabels, null, state.Settings.Seed).Score(oof, null);
            return new Evaluation(execution with { Reason = ExecutionReason.Ok, Score = graded?.Score }, graded);
        }

        var submission = ReadOrNull(submissionPath, out var submissionError);
        var labels = request.Fidelity == Fidelity.Low ? state.LowLabels : state.TrainLabels;
        var scorer = new NodeScorer(labels, state.CheckLabels, state.Settings.Seed);
        var score = oofError is not null ? NodeScore.Invalid(oofError)
            : submissionError is not null ? NodeScore.Invalid(submissionError)
            : scorer.Score(oof, submission);
        execution = execution with
        {
            Score = score.Score,
            Reason = score.Error is null ? ExecutionReason.Ok : ExecutionReason.InvalidSubmission,
            Error = score.Error,
        };
        if (score.Error is null && request.Fidelity == Fidelity.Full)
        {
            var node = request.Node.Id;
            Directory.CreateDirectory(state.Paths.Node(node));
            File.Copy(oofPath, state.Paths.NodeOof(node), overwrite: true);
            SearchSubmissions.Keep(state, node, submission!);
        }

        return new Evaluation(execution, score);
    }

    private static CsvTable? ReadOrNull(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CsvTable.Read(path);
        }
        catch (UserFacingException ex)
        {
            error = "unreadable " + Path.GetFileName(path) + ": " + ex.Message;
            return null;
        }
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
