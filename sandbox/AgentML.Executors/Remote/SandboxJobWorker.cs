using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AgentML.Sandbox;
using AgentML.Sandbox.Output;

namespace AgentML.Executors.Remote;

/// <summary>
/// The node side of a sandbox job (`agentml executor sandbox-job &lt;folder&gt;`): runs spec.json's job in the named
/// sandbox back end, prints each metric line as it arrives (the job's output file carries them to the coordinator,
/// with the time since start) and writes result.json last. SIGTERM (scancel, time limit) kills the program and still
/// writes a result.
/// </summary>
public sealed class SandboxJobWorker(SandboxFactory factory, TextWriter output)
{
    /// <summary>The field of a forwarded metric line that carries the seconds since the program started.</summary>
    public const string ElapsedField = "elapsed_s";

    public async Task<int> RunAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = new JobFolder(Path.GetFullPath(folder));
        var spec = JobFolder.Read<SandboxJobSpec>(files.Spec) ?? throw new UserFacingException($"{files.Spec}: the job spec is missing.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        var sandbox = factory.Create(new SandboxOptions { Kind = spec.Sandbox, PythonPath = spec.PythonPath });
        try
        {
            var progress = new LineProgress(output);
            await output.WriteLineAsync($"agentml worker: running in the {sandbox.Name} sandbox on {Environment.MachineName}").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var result = await sandbox.RunAsync(spec.Job, progress, stop.Token).ConfigureAwait(false);
            JobFolder.WriteAtomically(files.Result, result);
            await output.WriteLineAsync($"agentml worker: {result.Reason}, exit {result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (sandbox as IDisposable)?.Dispose();
        }
    }

    /// <summary>Formats a metric as a line the coordinator parses (<see cref="MetricParser"/> plus the elapsed time).</summary>
    public static string Format(MetricLine metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var payload = new Dictionary<string, object>
        {
            ["name"] = metric.Name,
            ["step"] = metric.Step,
            ["value"] = double.IsFinite(metric.Value) ? metric.Value : metric.Value.ToString(CultureInfo.InvariantCulture),
            [ElapsedField] = Math.Round(metric.Elapsed.TotalSeconds, 3),
        };
        return MetricParser.Prefix + " " + JsonSerializer.Serialize(payload);
    }

    /// <summary>Parses a forwarded metric line, with its elapsed time; false for any other line.</summary>
    public static bool TryParse(string line, out MetricLine metric)
    {
        if (!MetricParser.TryParse(line, TimeSpan.Zero, out metric))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(line.Trim()[MetricParser.Prefix.Length..]);
            if (doc.RootElement.TryGetProperty(ElapsedField, out var e) && e.TryGetDouble(out var seconds))
            {
                metric = metric with { Elapsed = TimeSpan.FromSeconds(seconds) };
            }
        }
        catch (JsonException)
        {
            // The metric itself parsed; the elapsed time stays zero.
        }

        return true;
    }

    private sealed class LineProgress(TextWriter output) : IProgress<MetricLine>
    {
        private readonly object _gate = new();

        public void Report(MetricLine value)
        {
            lock (_gate)
            {
                output.WriteLine(Format(value));
                output.Flush();
            }
        }
    }
}
