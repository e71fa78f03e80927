using System.Net;
using AgentML.Sandbox.Output;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Sandbox.Docker;

/// <summary>
/// Runs a job in a fresh container of the sandbox image (see <see cref="DockerContainerSpec"/>): output streamed
/// by attach into a bounded collector, peak memory from its cgroup (or the stats stream), OOM from the engine, the container
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
        string id;
        var begin = _time.GetTimestamp();
        try
        {
            await EnsureReadyAsync(image, cancellationToken).ConfigureAwait(false);
            var root = JobWorkspace.RootOf(job);
            var mounts = JobWorkspace.Prepare(job, new JobWorkspace.Owner(_options.ContainerUid, _options.ContainerGid), symlinkMounts: false);
            var name = "agentml-" + Guid.NewGuid().ToString("N")[..16];
            var spec = DockerContainerSpec.Create(job, root, mounts, image, name, _options);
            id = await CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SandboxOutcome.CancelledBeforeStart(job);
        }

        var created = _time.GetElapsedTime(begin);
        try
        {
            return await RunContainerAsync(job, id, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SandboxOutcome.CancelledBeforeStart(job); // cancelled between create and start
        }
        finally
        {
            var removing = _time.GetTimestamp();
            await _engine.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
            _logger.LogDebug(
                "Container {Id}: created in {Create:0} ms, removed in {Remove:0} ms, {Total:0} ms in all",
                id[..12], created.TotalMilliseconds, _time.GetElapsedTime(removing).TotalMilliseconds, _time.GetElapsedTime(begin).TotalMilliseconds);
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
        var attaching = _time.GetTimestamp();
        using var stream = await _engine.Pipeline.ExecuteAsync(
            async ct => await containers.AttachContainerAsync(id, false, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        await _engine.Pipeline.ExecuteAsync(
            async ct => await containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        _logger.LogDebug("Container {Id}: attached and started in {Ms:0} ms", id[..12], _time.GetElapsedTime(attaching).TotalMilliseconds);
        var output = new OutputCollector(_options.OutputHeadBytes, _options.OutputTailBytes, _options.MaxLineBytes, _options.MaxMetricLines, () => _time.GetElapsedTime(start), progress);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(stream, output, stop.Token);
        await using var peak = new ContainerMemoryPeak();
        var watch = WatchMemoryAsync(id, peak, stop.Token);

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
        _logger.LogDebug("Container {Id}: ran and inspected in {Ms:0} ms", id[..12], duration.TotalMilliseconds);
        var notes = new List<string>();
        if (await Task.WhenAny(pump, Task.Delay(_options.DrainTimeout, _time)).ConfigureAwait(false) != pump)
        {
            notes.Add("output was cut: the engine kept the stream open");
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(pump, watch).ConfigureAwait(false);
        _logger.LogDebug("Container {Id}: output drained after {Ms:0} ms", id[..12], _time.GetElapsedTime(start).TotalMilliseconds);
        output.Complete();
        int? exitCode = state.Running ? null : (int)state.ExitCode;
        var reason = SandboxOutcome.Classify(cancelled, timedOut, state.OOMKilled, exitCode);
        if (state.OOMKilled)
        {
            peak.Observe((long)job.MemoryLimitMb << 20);
        }

        return SandboxOutcome.Build(job, reason, exitCode, duration, peak.Peak, output, notes);
    }

    /// <summary>
    /// Follows the container's memory: its cgroup read directly when the engine is local (cheap, 50 ms), else the
    /// engine's stats stream (one sample a second). Ends when <paramref name="stop"/> is cancelled.
    /// </summary>
    private async Task WatchMemoryAsync(string id, ContainerMemoryPeak peak, CancellationToken stop)
    {
        try
        {
            if (_engine.IsLocal)
            {
                var inspected = await _engine.Client.Containers.InspectContainerAsync(id, stop).ConfigureAwait(false);
                if (peak.Watch(inspected.State.Pid, _time))
                {
                    return;
                }
            }

            await _engine.Client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = true }, peak, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || DockerEngine.IsTransient(ex) || ex is DockerApiException)
        {
            _logger.LogDebug("Container {Id}: memory watch ended ({Error})", id[..12], ex.GetType().Name);
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
