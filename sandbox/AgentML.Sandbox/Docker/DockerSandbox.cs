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

    /// <summary>How often a running container's state is checked besides the engine's wait call.</summary>
    private static readonly TimeSpan ExitPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a read may take to end after its stream is closed, and the memory watch after it is stopped.</summary>
    private static readonly TimeSpan StreamCloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a killed container may take to stop before the run goes on (it is removed by force anyway).</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

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
                    _logger.StaleContainersRemoved(reaped);
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
            _logger.ContainerTimes(id[..12], created.TotalMilliseconds, _time.GetElapsedTime(removing).TotalMilliseconds, _time.GetElapsedTime(begin).TotalMilliseconds);
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _ready.Dispose();
    }

    private async Task<SandboxResult> RunContainerAsync(SandboxJob job, string id, IProgress<MetricLine>? progress, CancellationToken cancellationToken)
    {
        var attaching = _time.GetTimestamp();
        var stream = await _engine.CallAsync(
            (client, ct) => client.Containers.AttachContainerAsync(id, false, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, ct),
            cancellationToken).ConfigureAwait(false);
        using var closeStream = new StreamCloser(stream);
        await _engine.CallAsync((client, ct) => client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct), cancellationToken).ConfigureAwait(false);
        var start = _time.GetTimestamp();
        _logger.ContainerStarted(id[..12], _time.GetElapsedTime(attaching).TotalMilliseconds);
        var output = new OutputCollector(_options.OutputHeadBytes, _options.OutputTailBytes, _options.MaxLineBytes, _options.MaxMetricLines, () => _time.GetElapsedTime(start), progress);
        var pump = PumpAsync(stream, output);
        var peak = new ContainerMemoryPeak();
        await using var peakScope = peak.ConfigureAwait(false);
        using var stopWatching = new CancellationTokenSource();
        var watch = WatchMemoryAsync(id, peak, stopWatching.Token);

        var (timedOut, cancelled) = await WaitForExitAsync(id, job.TimeLimit, cancellationToken).ConfigureAwait(false);
        if (timedOut || cancelled)
        {
            await KillAsync(id).ConfigureAwait(false);
        }

        var state = await InspectStateAsync(id).ConfigureAwait(false);
        var duration = _time.GetElapsedTime(start);
        _logger.ContainerRan(id[..12], duration.TotalMilliseconds);

        // Every wait below is bounded on its own: reads on the attach stream do not reliably honour a token, so the
        // stream is disposed to end a read that outlives the drain time; the memory watch is left behind if it must be.
        var notes = new List<string>();
        if (!await FinishesWithinAsync(pump, _options.DrainTimeout).ConfigureAwait(false))
        {
            notes.Add("output was cut: the engine kept the stream open");
            closeStream.Close();
            if (!await FinishesWithinAsync(pump, StreamCloseGrace).ConfigureAwait(false))
            {
                _logger.OutputStreamLeft(id[..12]);
            }
        }

        await stopWatching.CancelAsync().ConfigureAwait(false);
        if (!await FinishesWithinAsync(watch, StreamCloseGrace).ConfigureAwait(false))
        {
            _logger.MemoryWatchLeft(id[..12]);
        }

        _logger.OutputDrained(id[..12], _time.GetElapsedTime(start).TotalMilliseconds);
        output.Complete();
        int? exitCode = state is null || state.Running ? null : (int)state.ExitCode;
        if (state is null)
        {
            notes.Add("the engine did not report the container's state");
        }

        var outOfMemory = state?.OOMKilled == true;
        var reason = SandboxOutcome.Classify(cancelled, timedOut, outOfMemory, exitCode);
        if (outOfMemory)
        {
            peak.Observe((long)job.MemoryLimitMb << 20);
        }

        return SandboxOutcome.Build(job, reason, exitCode, duration, peak.Peak, output, notes);
    }

    /// <summary>
    /// Waits for the container to exit, at most <paramref name="timeLimit"/>. The engine's wait call is raced against
    /// the limit (it may not honour its token) and checked by an inspect every <see cref="ExitPollInterval"/> (its
    /// answer may never come even though the container has exited).
    /// </summary>
    private async Task<(bool TimedOut, bool Cancelled)> WaitForExitAsync(string id, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(timeLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Task? wait = _engine.Client.Containers.WaitContainerAsync(id, linked.Token);
        DockerEngine.Observe(wait);
        while (true)
        {
            try
            {
                if (wait is null)
                {
                    await Task.Delay(ExitPollInterval, _time, linked.Token).ConfigureAwait(false);
                }
                else
                {
                    await wait.WaitAsync(ExitPollInterval, _time, linked.Token).ConfigureAwait(false);
                    return (false, false);
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                var cancelled = cancellationToken.IsCancellationRequested;
                return (!cancelled, cancelled);
            }
            catch (TimeoutException)
            {
                // Still running, or the engine's answer was lost: the inspect below tells.
            }
            catch (Exception ex) when (DockerEngine.IsTransient(ex) || ex is DockerApiException)
            {
                _logger.WaitFailed(ex, id[..12]);
                wait = null;
                continue;
            }

            try
            {
                if (await InspectStateAsync(id, linked.Token).ConfigureAwait(false) is { Running: false })
                {
                    _logger.ExitedWithoutWait(id[..12]);
                    return (false, false);
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                var cancelled = cancellationToken.IsCancellationRequested;
                return (!cancelled, cancelled);
            }
        }
    }

    /// <summary>The container's state, or null when the engine does not answer within the call's bounds.</summary>
    private async Task<ContainerState?> InspectStateAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            var inspected = await _engine.CallAsync((client, ct) => client.Containers.InspectContainerAsync(id, ct), cancellationToken).ConfigureAwait(false);
            return inspected.State;
        }
        catch (Exception ex) when (DockerEngine.IsTransient(ex) || ex is DockerApiException)
        {
            _logger.InspectFailed(ex, id[..12]);
            return null;
        }
    }

    private async Task<bool> FinishesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            DockerEngine.Observe(task);
            return false;
        }
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
                var inspected = await _engine.CallAsync((client, ct) => client.Containers.InspectContainerAsync(id, ct), stop).ConfigureAwait(false);
                if (peak.Watch(inspected.State.Pid, _time))
                {
                    return;
                }
            }

            var stats = _engine.Client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = true }, peak, stop);
            DockerEngine.Observe(stats);
            await stats.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || DockerEngine.IsTransient(ex) || ex is DockerApiException)
        {
            _logger.MemoryWatchEnded(id[..12], ex.GetType().Name);
        }
    }

    private async Task<string> CreateAsync(CreateContainerParameters spec, CancellationToken cancellationToken)
    {
        try
        {
            var created = await _engine.CallAsync((client, ct) => client.Containers.CreateContainerAsync(spec, ct), cancellationToken).ConfigureAwait(false);
            foreach (var warning in created.Warnings ?? [])
            {
                _logger.DockerWarning(warning);
            }

            return created.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // A retried create whose first attempt reached the engine: the named container exists.
            var existing = await _engine.CallAsync((client, ct) => client.Containers.InspectContainerAsync(spec.Name, ct), cancellationToken).ConfigureAwait(false);
            return existing.ID;
        }
    }

    /// <summary>Kills the container and waits (bounded) until the engine reports it stopped.</summary>
    private async Task KillAsync(string id)
    {
        try
        {
            await _engine.CallAsync(
                (client, ct) => client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, ct), CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return; // already stopped
        }
        catch (Exception ex) when (DockerEngine.IsTransient(ex))
        {
            _logger.KillFailed(ex, id[..12]);
            return;
        }

        var deadline = _time.GetTimestamp();
        while (_time.GetElapsedTime(deadline) < KillGrace && await InspectStateAsync(id).ConfigureAwait(false) is { Running: true })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the attach stream into the collector until it ends or is disposed.</summary>
    private static async Task PumpAsync(MultiplexedStream stream, OutputCollector output)
    {
        var buffer = new byte[OutputPump.BufferSize];
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, CancellationToken.None).ConfigureAwait(false);
                if (read.EOF)
                {
                    return;
                }

                output.Append(buffer.AsSpan(0, read.Count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or NullReferenceException)
        {
            // The run is over (the stream was closed under the read); keep what arrived.
        }
    }

    /// <summary>Disposes the attach stream once: to end a read that ignores cancellation, and at the end of a run.</summary>
    private sealed class StreamCloser(MultiplexedStream stream) : IDisposable
    {
        private int _closed;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                stream.Dispose();
            }
        }

        public void Dispose() => Close();
    }
}
