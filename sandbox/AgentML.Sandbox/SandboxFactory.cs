using AgentML.Sandbox.Docker;
using AgentML.Sandbox.Local;
using Microsoft.Extensions.Logging;

namespace AgentML.Sandbox;

/// <summary>Creates a sandbox back end by name ("process" or "docker") for the CLI, search, forge and bench.</summary>
public sealed class SandboxFactory(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
{
    public ISandbox Create(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalized = options with { Kind = options.Kind.Trim().ToLowerInvariant() };
        return normalized.Validate().Kind switch
        {
            SandboxKinds.Docker => new DockerSandbox(normalized, loggerFactory, timeProvider),
            _ => new ProcessSandbox(normalized, loggerFactory, timeProvider),
        };
    }

    /// <summary>Creates the back end named <paramref name="kind"/> with otherwise default (or given) options.</summary>
    public ISandbox Create(string kind, SandboxOptions? options = null) => Create((options ?? new SandboxOptions()) with { Kind = kind });
}
