namespace AgentML.Sandbox;

/// <summary>Scripts shipped inside the assembly (sandbox/image/*.py, *.sh and Assets/*.sh).</summary>
public static class SandboxAssets
{
    public const string Launcher = "process-launcher.sh";

    public const string BubblewrapLauncher = "bwrap-launcher.sh";

    public const string Probe = "probe.py";

    public const string Check = "check.py";

    public const string BuildOffline = "build-offline.sh";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of one asset by file name.</summary>
    public static string Read(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(SandboxAssets).Assembly.GetManifestResourceStream("AgentML.Sandbox.Assets." + n)
            ?? throw new InvalidOperationException($"Sandbox asset '{n}' is not embedded in {typeof(SandboxAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
