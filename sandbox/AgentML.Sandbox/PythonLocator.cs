using System.Collections.Concurrent;
using System.Text.Json;
using AgentML.Sandbox.Local;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Sandbox;

/// <summary>An interpreter, why it was chosen, and the versions of the packages probed.</summary>
public sealed record PythonInfo(string Path, string Source, string Version, IReadOnlyDictionary<string, string?> Packages)
{
    /// <summary>Folders the interpreter loads from (its prefixes and its executable's folder), resolved.</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    public bool Has(string module) => Packages.TryGetValue(module, out var version) && version is not null;

    public override string ToString() =>
        $"{Path} (Python {Version}, {Source}; " + string.Join(", ", Packages.Select(p => $"{p.Key} {p.Value ?? "missing"}")) + ")";
}

/// <summary>
/// Finds the Python the process back end runs: an explicit path, else AGENTML_PYTHON, else the first of
/// /usr/bin/python3 and python3 on PATH that imports sklearn (a pyenv python3 on PATH often lacks it).
/// Answers are cached per process.
/// </summary>
public sealed class PythonLocator(ILogger<PythonLocator>? logger = null)
{
    public const string EnvironmentVariable = "AGENTML_PYTHON";

    private static readonly ConcurrentDictionary<string, Lazy<Task<PythonInfo>>> Cache = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<PythonLocator>.Instance;

    /// <summary>The interpreter to use; throws <see cref="UserFacingException"/> when none imports sklearn.</summary>
    public Task<PythonInfo> LocateAsync(string? explicitPath = null, CancellationToken cancellationToken = default)
    {
        var key = explicitPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "";
        var lazy = Cache.GetOrAdd(key, k => new Lazy<Task<PythonInfo>>(() => FindAsync(explicitPath, k, CancellationToken.None)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Runs the probe script with <paramref name="python"/>; null when the interpreter does not run.</summary>
    public static async Task<PythonInfo?> ProbeAsync(string python, string source, IEnumerable<string> modules, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(python, ["-c", SandboxAssets.Read(SandboxAssets.Probe), .. modules], TimeSpan.FromSeconds(60), null, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]);
            var packages = doc.RootElement.GetProperty("packages").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null, StringComparer.Ordinal);
            var prefixes = doc.RootElement.TryGetProperty("prefixes", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(p => p.GetString()).OfType<string>().ToArray()
                : [];
            return new PythonInfo(python, source, doc.RootElement.GetProperty("python").GetString() ?? "?", packages) { Prefixes = prefixes };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The default candidates in order: Debian's interpreter, then python3 on PATH.</summary>
    public static IReadOnlyList<string> DefaultCandidates()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "python3"))
            .FirstOrDefault(File.Exists);
        return new[] { "/usr/bin/python3", onPath }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    private async Task<PythonInfo> FindAsync(string? explicitPath, string configured, CancellationToken cancellationToken)
    {
        if (configured.Length > 0)
        {
            var source = explicitPath is not null ? "set by the sandbox options" : $"set by {EnvironmentVariable}";
            var info = await ProbeAsync(configured, source, ["sklearn"], cancellationToken).ConfigureAwait(false)
                ?? throw new UserFacingException($"The Python interpreter {configured} ({source}) does not run.");
            if (!info.Has("sklearn"))
            {
                _logger.LogWarning("Python {Path} ({Source}) cannot load scikit-learn; programs that need it will fail.", configured, source);
            }

            _logger.LogInformation("Sandbox Python: {Python}", info);
            return info;
        }

        var tried = new List<string>();
        foreach (var candidate in DefaultCandidates())
        {
            var info = await ProbeAsync(candidate, "first that imports sklearn", ["sklearn"], cancellationToken).ConfigureAwait(false);
            if (info is not null && info.Has("sklearn"))
            {
                _logger.LogInformation("Sandbox Python: {Python}", info);
                return info;
            }

            tried.Add(info is null ? $"{candidate} (does not run)" : $"{candidate} (Python {info.Version}, no sklearn)");
        }

        throw new UserFacingException(
            $"No Python that imports sklearn was found (tried {string.Join(", ", tried)}). Install Debian's python3-sklearn python3-pandas python3-scipy python3-xgboost, or set {EnvironmentVariable} to an interpreter that has them.");
    }
}
