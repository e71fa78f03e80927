using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AgentML.Sandbox.Docker;

/// <summary>
/// One connection to the Docker engine: Polly retries on transient engine errors, a clear error when the engine
/// is unreachable or the image is missing, the owner labels, and the reaping of containers whose owner is gone.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly DockerClientConfiguration _configuration;
    private readonly ILogger _logger;

    public DockerEngine(SandboxOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = new Uri(options.DockerEndpoint ?? Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock");
        _configuration = new DockerClientConfiguration(Endpoint);
        Client = _configuration.CreateClient();
        _logger = logger;
        Pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    _logger.LogDebug(args.Outcome.Exception, "Docker engine call failed (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(60))
            .Build();
    }

    public Uri Endpoint { get; }

    /// <summary>True when the engine runs on this machine (a unix socket), so its cgroups are visible here.</summary>
    public bool IsLocal => Endpoint.Scheme == "unix";

    public DockerClient Client { get; }

    /// <summary>Retries transient engine errors (connection, 5xx, timeouts); every short engine call goes through it.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// One short engine call through <see cref="Pipeline"/>. Each attempt ends when its token is cancelled (the
    /// pipeline's timeout, or the caller) even where Docker.DotNet does not honour the token, so no call waits forever.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await Pipeline.ExecuteAsync(async ct => await Bounded(call(Client, ct), ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="CallAsync{T}(Func{DockerClient, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task CallAsync(Func<DockerClient, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync(async (client, ct) =>
        {
            await call(client, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// <paramref name="task"/>, or an <see cref="OperationCanceledException"/> as soon as <paramref name="cancellationToken"/>
    /// is cancelled; a task left behind has its failure observed.
    /// </summary>
    public static Task<T> Bounded<T>(Task<T> task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        Observe(task);
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Marks a task's eventual exception as observed (for tasks that are waited for with a bound and may be left behind).</summary>
    public static void Observe(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>"pid@host" of this process, the value of the owner label.</summary>
    public static string OwnerId { get; } = $"{Environment.ProcessId}@{Environment.MachineName}";

    /// <summary>This process' start time in unix milliseconds, the value of the owner-start label.</summary>
    public static string OwnerStart { get; } = StartMillis(System.Diagnostics.Process.GetCurrentProcess()).ToString(CultureInfo.InvariantCulture);

    /// <summary>The engine's version, or a <see cref="UserFacingException"/> saying how to start it.</summary>
    public async Task<VersionResponse> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(static (client, ct) => client.System.GetVersionAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex) || ex is DockerApiException)
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>The image, or null when the engine does not have it.</summary>
    public async Task<ImageInspectResponse?> InspectImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync((client, ct) => client.Images.InspectImageAsync(image, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Throws a <see cref="UserFacingException"/> naming the build command when the image is missing.</summary>
    public async Task EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        if (await InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is null)
        {
            var how = image == SandboxImage.DefaultTag
                ? "build it with `agentml sandbox build` (offline, from Debian packages) or `scripts/setup.sh --docker`"
                : "build or load it first";
            throw new UserFacingException($"The Docker image {image} is missing: {how}; or use `--sandbox process`.");
        }
    }

    /// <summary>Removes AgentML containers on this host whose owner process is gone; returns how many.</summary>
    public async Task<int> ReapStaleAsync(CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [SandboxImage.OwnerLabel] = true } };
        var containers = await CallAsync(
            (client, ct) => client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, ct), cancellationToken).ConfigureAwait(false);
        var reaped = 0;
        foreach (var container in containers.Where(c => IsStale(c.Labels)))
        {
            _logger.LogInformation("Removing stale sandbox container {Id} (owner {Owner} is gone)", container.ID[..12], container.Labels[SandboxImage.OwnerLabel]);
            await RemoveAsync(container.ID, cancellationToken).ConfigureAwait(false);
            reaped++;
        }

        return reaped;
    }

    /// <summary>Force-removes a container; a container already gone is fine.</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(
                (client, ct) => client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Not found, or removal already in progress.
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _configuration.Dispose();
    }

    /// <summary>Connection failures, engine 5xx and timeouts are worth a retry; 4xx are not.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        DockerApiException api => (int)api.StatusCode >= 500 && api.StatusCode != HttpStatusCode.NotImplemented,
        HttpRequestException or SocketException or IOException or TimeoutException or TimeoutRejectedException => true,
        TaskCanceledException tce => tce.InnerException is TimeoutException,
        _ => false,
    };

    private UserFacingException Unreachable(Exception ex) => new(
        $"The Docker engine is not reachable at {Endpoint} ({ex.GetBaseException().Message}). Start it (as root: `dockerd > /var/log/dockerd.log 2>&1 &`, " +
        "or `systemctl start docker`; `scripts/setup.sh --docker` installs and starts it), or use `--sandbox process`.", ex);

    private static bool IsStale(IDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(SandboxImage.OwnerLabel, out var owner) || owner.Split('@', 2) is not [var pidText, var host]
            || host != Environment.MachineName || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false; // another host's container: not ours to judge
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return labels.TryGetValue(SandboxImage.OwnerStartLabel, out var start)
                && Math.Abs(StartMillis(process) - long.Parse(start, CultureInfo.InvariantCulture)) > 2000;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static long StartMillis(System.Diagnostics.Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
}
