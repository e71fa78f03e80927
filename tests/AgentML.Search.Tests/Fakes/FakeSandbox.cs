using System.Collections.Concurrent;
using System.Globalization;
using AgentML.Core.Data;
using AgentML.Sandbox;

namespace AgentML.Search.Tests.Fakes;

/// <summary>Interprets fake programs (see <see cref="FakeTask"/>): writes x + offset predictions, fails, prints fold metrics or waits to be cancelled.</summary>
internal sealed class FakeSandbox(bool honourWait = true) : ISandbox
{
    public string Name => "fake";

    /// <summary>Every run: (node label, input folder name, outcome).</summary>
    public ConcurrentQueue<(string Node, string Input, SandboxReason Reason)> Runs { get; } = new();

    /// <summary>Every job as the sandbox received it.</summary>
    public ConcurrentQueue<SandboxJob> Jobs { get; } = new();

    /// <summary>Set when a "wait" program starts.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        Jobs.Enqueue(job);
        var code = job.Files["solution.py"];
        var args = FakeTask.Parse(code);
        var input = job.Mounts.Single(m => m.Target == "input").HostPath;
        var node = job.Labels.TryGetValue("agentml.node", out var n) ? n : "?";
        var inputName = Path.GetFileName(input);
        if (honourWait && args.ContainsKey("wait"))
        {
            Waiting.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Runs.Enqueue((node, inputName, SandboxReason.Killed));
                return new SandboxResult { Reason = SandboxReason.Killed, Duration = TimeSpan.FromSeconds(1) };
            }
        }

        if (args.TryGetValue("folds", out var folds))
        {
            var step = 0;
            foreach (var value in folds.Split(','))
            {
                step++;
                progress?.Report(new MetricLine("rmse", step, double.Parse(value, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(step)));
                if (cancellationToken.IsCancellationRequested)
                {
                    Runs.Enqueue((node, inputName, SandboxReason.Killed));
                    return new SandboxResult { Reason = SandboxReason.Killed, Duration = TimeSpan.FromSeconds(step) };
                }
            }
        }

        if (args.ContainsKey("fail") || (args.ContainsKey("finalfail") && inputName is "public" or "refit"))
        {
            Runs.Enqueue((node, inputName, SandboxReason.Error));
            return new SandboxResult { Reason = SandboxReason.Error, ExitCode = 1, Duration = TimeSpan.FromSeconds(2), OutputHead = "Traceback\nValueError: could not convert string to float: 'abc'" };
        }

        var offset = double.Parse(
            inputName == "low" && args.TryGetValue("low", out var low) ? low
            : inputName == "refit" && args.TryGetValue("refit", out var refit) ? refit
            : args["offset"], CultureInfo.InvariantCulture);
        var test = CsvTable.Read(Path.Combine(input, "test.csv"));
        var rows = test.Rows.Select(r => new[] { r[0], (double.Parse(r[1], CultureInfo.InvariantCulture) + offset).ToString("R", CultureInfo.InvariantCulture) }).ToList();
        new CsvTable(["id", "y"], rows).Write(SandboxJob.SubmissionPath(job.HostRoot));
        var train = CsvTable.Read(Path.Combine(input, "train.csv"));
        var covered = train.Rows.Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        if (args.TryGetValue("cover", out var cover) && File.Exists(Path.Combine(input, "folds.csv")))
        {
            // A program that finished only its first `cover` folds predicts only those folds' rows.
            var foldTable = CsvTable.Read(Path.Combine(input, "folds.csv"));
            covered = foldTable.Rows.Where(r => int.Parse(r[1], CultureInfo.InvariantCulture) < int.Parse(cover, CultureInfo.InvariantCulture)).Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        }

        var oof = train.Rows.Where(r => covered.Contains(r[0]))
            .Select(r => new[] { r[0], (double.Parse(r[1], CultureInfo.InvariantCulture) + offset).ToString("R", CultureInfo.InvariantCulture) }).ToList();
        new CsvTable(["id", "y"], oof).Write(Path.Combine(Path.GetDirectoryName(SandboxJob.SubmissionPath(job.HostRoot))!, "oof.csv"));
        Runs.Enqueue((node, inputName, SandboxReason.Ok));
        var seconds = inputName == "low" ? 2 : 8;
        return new SandboxResult { Reason = SandboxReason.Ok, ExitCode = 0, Duration = TimeSpan.FromSeconds(seconds), OutputHead = "done" };
    }
}
