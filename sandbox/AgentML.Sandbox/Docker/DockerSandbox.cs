using System.Net;
using AgentML.Sandbox.Output;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Sandbox.Docker;

/// <summary>
/// Runs a job in a fresh container of the sandbox image (see <see cref="DockerContainerSpec"/>): output streamed
/// by attach into a bounded collector, peak memory from the stats stream, OOM from the engine, the container
/// killed on timeout or cancel and always removed. Stale containers of dead owners are reaped on first use.
/// </summary>
public sealed class DockerSandbox : ISandbox, IDisposable
{
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DockerEngine _engine;
    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly HashSet<string> _checkedImages = new(StringComparer.Ordinal);
    private bool _reaped;

    public DockerSandbox(SandboxOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DockerSandbox>();
        _engine = new DockerEngine(_options, _logger);
    }

    public string Name => SandboxKinds.Docker;

    public DockerEngine Engine => _engine;

    /// <summary>Checks the engine (once), reaps stale containers (once) and checks the image (once per tag).</summary>
    public async Task EnsureReadyAsync(string image, CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_reaped)
            {
                await _engine.VersionAsync(cancellationToken).ConfigureAwait(false);
                var reaped = await _engine.ReapStaleAsync(cancellationToken).ConfigureAwait(false);
                _reaped = true;
                if (reaped > 0)
                {
                    _logger.LogInformation("Removed {Count} stale sandbox container(s)", reaped);
                }
            }

            if (!_checkedImages.Contains(image))
            {
                await _engine.EnsureImageAsync(image, cancellationToken).ConfigureAwait(false);
                _checkedImages.Add(image);
            }
        }
        finally
        {
            _ready.Release();
        }
    }

    public async Task<SandboxResult> RunAsync(SandboxJob job, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var image = job.Image ?? _options.Image;
        await EnsureReadyAsync(image, cancellationToken).ConfigureAwait(false);
        var root = JobWorkspace.RootOf(job);
        var mounts = JobWorkspace.Prepare(job, new JobWorkspace.Owner(_options.ContainerUid, _options.ContainerGid), symlinkMounts: false);
        var name = "agentml-" + Guid.NewGuid().ToString("N")[..16];
        var spec = DockerContainerSpec.Create(job, root, mounts, image, name, _options);
        var id = await CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunContainerAsync(job, id, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _engine.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _ready.Dispose();
    }

    private async Task<SandboxResult> RunContainerAsync(SandboxJob job, string id, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        var containers = _engine.Client.Containers;
        using var stream = await _engine.Pipeline.ExecuteAsync(
            async ct => await containers.AttachContainerAsync(id, false, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        await _engine.Pipeline.ExecuteAsync(
            async ct => await containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        var output = new OutputCollector(_options.OutputHeadBytes, _options.OutputTailBytes, _options.MaxLineBytes, _options.MaxMetricLines, () => _time.GetElapsedTime(start), progress);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(stream, output, stop.Token);
        await using var peak = new ContainerMemoryPeak();
        var stats = containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = true }, peak, stop.Token);
        await WatchCgroupAsync(id, peak, cancellationToken).ConfigureAwait(false);

        bool timedOut = false, cancelled = false;
        using (var timeout = new CancellationTokenSource(job.TimeLimit, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
        {
            try
            {
                await containers.WaitContainerAsync(id, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                cancelled = cancellationToken.IsCancellationRequested;
                timedOut = !cancelled;
                await KillAsync(id).ConfigureAwait(false);
            }
        }

        var state = (await _engine.Pipeline.ExecuteAsync(
            async ct => await containers.InspectContainerAsync(id, ct).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false)).State;
        var duration = _time.GetElapsedTime(start);
        var notes = new List<string>();
        if (await Task.WhenAny(pump, Task.Delay(_options.DrainTimeout, _time)).ConfigureAwait(false) != pump)
        {
            notes.Add("output was cut: the engine kept the stream open");
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(pump, stats.ContinueWith(static _ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        output.Complete();
        int? exitCode = state.Running ? null : (int)state.ExitCode;
        var reason = SandboxOutcome.Classify(cancelled, timedOut, state.OOMKilled, exitCode);
        if (state.OOMKilled)
        {
            peak.Observe((long)job.MemoryLimitMb << 20);
        }

        return SandboxOutcome.Build(job, reason, exitCode, duration, peak.Peak, output, notes);
    }

    private async Task WatchCgroupAsync(string id, ContainerMemoryPeak peak, CancellationToken cancellationToken)
    {
        if (!_engine.IsLocal)
        {
            return;
        }

        try
        {
            var inspected = await _engine.Client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
            peak.Watch(inspected.State.Pid, _time);
        }
        catch (DockerApiException ex)
        {
            _logger.LogDebug(ex, "Cannot inspect container {Id} for its memory cgroup", id);
        }
    }

    private async Task<string> CreateAsync(CreateContainerParameters spec, CancellationToken cancellationToken)
    {
        try
        {
            var created = await _engine.Pipeline.ExecuteAsync(
                async ct => await _engine.Client.Containers.CreateContainerAsync(spec, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            foreach (var warning in created.Warnings ?? [])
            {
                _logger.LogDebug("Docker: {Warning}", warning);
            }

            return created.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // A retried create whose first attempt reached the engine: the named container exists.
            var existing = await _engine.Client.Containers.InspectContainerAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return existing.ID;
        }
    }

    private async Task KillAsync(string id)
    {
        try
        {
            await _engine.Pipeline.ExecuteAsync(
                async ct => await _engine.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, ct).ConfigureAwait(false),
                CancellationToken.None).ConfigureAwait(false);
            await _engine.Client.Containers.WaitContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Already stopped.
        }
    }

    private static async Task PumpAsync(MultiplexedStream stream, OutputCollector output, CancellationToken cancellationToken)
    {
        var buffer = new byte[OutputPump.BufferSize];
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read.EOF)
                {
                    return;
                }

                output.Append(buffer.AsSpan(0, read.Count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The run is over; keep what arrived.
        }
    }
}
