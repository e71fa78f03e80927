using AgentML.Sandbox.Docker;
using AgentML.Sandbox.Local;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Sandbox;

/// <summary>What <see cref="SandboxImageBuilder.BuildAsync"/> did.</summary>
public sealed record ImageBuildResult(string Image, bool Built, TimeSpan Duration, string? ImageId);

/// <summary>
/// Builds the sandbox image offline from Debian packages (sandbox/image/build-offline.sh: debootstrap + docker
/// import), skipping when the engine already has it unless forced.
/// </summary>
public sealed class SandboxImageBuilder(SandboxOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
{
    /// <summary>Upper bound for one offline build (it takes about a minute and a half here).</summary>
    public static TimeSpan BuildTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The Dockerfile's folder as shipped next to the assembly (sandbox/image copied as sandbox-image/).</summary>
    public static string DockerfileDirectory => Path.Combine(AppContext.BaseDirectory, "sandbox-image");

    /// <summary>
    /// Builds the image unless the engine has it (or <paramref name="force"/>): offline from Debian packages, or with
    /// <paramref name="online"/> from sandbox/image/Dockerfile (needs a registry and PyPI).
    /// </summary>
    public async Task<ImageBuildResult> BuildAsync(bool force, IProgress<string>? log, CancellationToken cancellationToken, bool online = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        using var engine = new DockerEngine(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SandboxImageBuilder>());
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await engine.InspectImageAsync(options.Image, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !force)
        {
            return new ImageBuildResult(options.Image, Built: false, TimeSpan.Zero, existing.ID);
        }

        var start = time.GetTimestamp();
        var result = online
            ? await ProcessRunner.RunAsync("docker", ["build", "-t", options.Image, DockerfileDirectory], BuildTimeout, log, cancellationToken).ConfigureAwait(false)
            : await ProcessRunner.RunAsync(
                "bash", ["-c", SandboxAssets.Read(SandboxAssets.BuildOffline), SandboxAssets.BuildOffline, options.Image], BuildTimeout, log, cancellationToken)
                .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var why = result.TimedOut ? $"it did not finish within {BuildTimeout.TotalMinutes:0} minutes" : $"exit code {result.ExitCode}";
            var tail = string.Join('\n', (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(8));
            throw new UserFacingException($"Building the sandbox image {options.Image} failed ({why}):\n{tail}");
        }

        var built = await engine.InspectImageAsync(options.Image, cancellationToken).ConfigureAwait(false);
        if (existing is not null && built is not null && existing.ID != built.ID)
        {
            await RemoveReplacedAsync(engine, existing.ID, cancellationToken).ConfigureAwait(false);
        }

        return new ImageBuildResult(options.Image, Built: true, time.GetElapsedTime(start), built?.ID);
    }

    /// <summary>Deletes the image a forced rebuild replaced (now untagged), unless a container still uses it.</summary>
    private static async Task RemoveReplacedAsync(DockerEngine engine, string imageId, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.DeleteImageAsync(imageId, new global::Docker.DotNet.Models.ImageDeleteParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (global::Docker.DotNet.DockerApiException)
        {
            // In use or already gone: leave it to `docker image prune`.
        }
    }
}
