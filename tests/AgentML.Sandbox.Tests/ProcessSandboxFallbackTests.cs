using AgentML.Sandbox.Local;
using AgentML.Testing;

namespace AgentML.Sandbox.Tests;

/// <summary>The process back end with and without bubblewrap: what the program sees and what the result says.</summary>
public sealed class ProcessSandboxFallbackTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-fallback-test");

    [SkippableFact]
    public async Task WithBubblewrap_AHostFileIsNotThere()
    {
        var isolation = await ProcessIsolation.DetectAsync(new SandboxOptions(), CancellationToken.None);
        Skip.IfNot(isolation.FreshRoot, "bubblewrap cannot be used here: " + string.Join(" ", isolation.Warnings));

        var result = await RunCatAsync(new SandboxOptions());

        Assert.Equal(SandboxReason.Error, result.Reason);
        Assert.DoesNotContain("host-secret", result.Output, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", result.Output, StringComparison.Ordinal);
        Assert.Contains(isolation.Describe(), l => l.StartsWith("files: fresh root (bubblewrap)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutBubblewrap_TheResultSaysTheHostFileSystemIsVisible()
    {
        var options = new SandboxOptions { Bubblewrap = "" };
        var isolation = await ProcessIsolation.DetectAsync(options, CancellationToken.None);

        var result = await RunCatAsync(options);

        Assert.False(isolation.FreshRoot);
        Assert.Contains(isolation.Describe(), l => l.StartsWith("files: NOT isolated", StringComparison.Ordinal));
        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("host-secret", result.Output, StringComparison.Ordinal); // what bubblewrap prevents
        Assert.Contains("bubblewrap cannot be used (turned off in the sandbox options)", result.Message, StringComparison.Ordinal);
        Assert.Contains("can read any world-readable file by absolute path", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBubblewrap_IsNamedInTheWarning()
    {
        var isolation = await ProcessIsolation.DetectAsync(new SandboxOptions { Bubblewrap = "/nonexistent/bwrap" }, CancellationToken.None);

        Assert.False(isolation.FreshRoot);
        Assert.Contains(isolation.Warnings, w => w.StartsWith("bubblewrap cannot be used (/nonexistent/bwrap is not installed)", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs `cat` on a world-readable file outside the job, by absolute path.</summary>
    private async Task<SandboxResult> RunCatAsync(SandboxOptions options)
    {
        var secret = _temp.Combine("secret.txt");
        File.WriteAllText(secret, "host-secret");
        File.SetUnixFileMode(secret, (UnixFileMode)0b110_100_100);
        var sandbox = new SandboxFactory().Create(options with { Kind = SandboxKinds.Process });
        var job = new SandboxJob { HostRoot = _temp.Combine("root-" + Guid.NewGuid().ToString("N")[..8]), Command = ["cat", secret], TimeLimit = TimeSpan.FromSeconds(30) };
        return await sandbox.RunAsync(job, null, CancellationToken.None);
    }
}
