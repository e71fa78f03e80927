using AgentML.Core.Grading;
using AgentML.Core.Metrics;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Sandbox;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge.Execution;

/// <summary>
/// Execution check: the builtin baseline program runs in the sandbox on the task's public/ folder and must write a
/// valid submission whose score beats a dummy baseline by a clear margin without being near-perfect.
/// </summary>
public sealed class ExecutionVerifier : IVerifier
{
    /// <summary>The name of the check that fails when the baseline is near-perfect.</summary>
    public const string NearPerfectCheck = "not-near-perfect";

    /// <summary>The name of the check that fails when the baseline does not beat the dummy by a clear margin (not learnable).</summary>
    public const string BeatsDummyCheck = "beats-dummy";
    private const VerificationStage S = VerificationStage.Execution;
    private readonly ISandbox _sandbox;
    private readonly BaselineProgram _program;
    private readonly VerificationOptions _options;
    private readonly int _seed;
    private readonly ILogger _logger;

    public ExecutionVerifier(ISandbox sandbox, BaselineProgram program, VerificationOptions options, int seed, ILogger logger)
    {
        _sandbox = sandbox;
        _program = program;
        _options = options;
        _seed = seed;
        _logger = logger;
    }

    public VerificationStage Stage => S;

    public async Task<VerifierResult> VerifyAsync(ForgedTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var spec = new TaskLoader().Load(task.Folder);
        var answers = spec.AnswersPath ?? Path.Combine(task.Folder, "private", "answers.csv");
        var hostRoot = Path.Combine(Path.GetTempPath(), $"agentml-forge-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(hostRoot);
        try
        {
            var job = SandboxJob.ForSolution(_program.Render(task.Design), spec.PublicDirectory, hostRoot, _options.BaselineTimeLimit, _seed);
            _logger.LogInformation("Running the baseline of {Task} in the {Sandbox} sandbox", task.Design.TaskId, _sandbox.Name);
            var result = await _sandbox.RunAsync(job, progress: null, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return Failed("baseline-runs", $"the baseline program ended with {result.Reason} (exit {result.ExitCode}): {LastLines(result.Output)}");
            }

            var grader = new SubmissionGrader();
            var baseline = grader.Grade(spec, SandboxJob.SubmissionPath(hostRoot), answers);
            if (!baseline.IsValid)
            {
                return Failed("baseline-valid", $"the baseline submission is invalid: {baseline.InvalidReason}");
            }

            var dummyPath = Path.Combine(hostRoot, "dummy_submission.csv");
            DummySubmission.Write(task.Design, spec.TrainPath, spec.TestPath, dummyPath);
            var dummy = grader.Grade(spec, dummyPath, answers);
            if (!dummy.IsValid)
            {
                return Failed("dummy-valid", $"the dummy submission is invalid: {dummy.InvalidReason}");
            }

            return Judge(spec.Metric, baseline.Score!.Value, dummy.Score!.Value, result.Duration);
        }
        finally
        {
            TryDelete(hostRoot);
        }
    }

    private VerifierResult Judge(string metric, double score, double dummy, TimeSpan duration)
    {
        var higher = MetricRegistry.Get(metric).HigherIsBetter;
        var gain = ScoreGain.Of(score, dummy, higher);
        var scores = new BaselineScores(metric, score, dummy, gain, duration);
        var nearPerfect = higher ? _options.NearPerfectScoreGain : _options.NearPerfectErrorGain;
        var summary = $"{metric}: baseline {score:G6}, dummy {dummy:G6}, gain {gain:F3}";
        List<VerificationCheck> checks =
        [
            VerificationCheck.Pass(S, "baseline-runs", $"ran in {duration.TotalSeconds:F1} s and wrote a valid submission"),
            gain >= _options.MinGain
                ? VerificationCheck.Pass(S, BeatsDummyCheck, $"{summary} >= {_options.MinGain}")
                : VerificationCheck.Fail(S, BeatsDummyCheck, $"{summary}: the baseline does not beat the dummy by a clear margin (need gain >= {_options.MinGain}); the target may not be learnable from the features"),
            gain < nearPerfect
                ? VerificationCheck.Pass(S, NearPerfectCheck, $"gain {gain:F3} < {nearPerfect}")
                : VerificationCheck.Fail(S, NearPerfectCheck, $"{summary}: the baseline is near-perfect (gain >= {nearPerfect}); the task is trivially easy or leaks its answer"),
        ];
        return new VerifierResult(checks, scores);
    }

    private static VerifierResult Failed(string name, string detail) => new([VerificationCheck.Fail(S, name, detail)]);

    private static string LastLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(3)).Trim();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
