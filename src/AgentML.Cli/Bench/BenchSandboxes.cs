using AgentML.Sandbox;
using Microsoft.Extensions.Logging;

namespace AgentML.Cli.Bench;

/// <summary>Creates the sandbox back end an external bench agent runs in (disposed with the host).</summary>
internal static class BenchSandboxes
{
    public static ISandbox Create(string kind, ILoggerFactory loggers, ICollection<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var sandbox = new SandboxFactory(loggers).Create(kind);
        if (sandbox is IDisposable disposable)
        {
            owned.Add(disposable);
        }

        return sandbox;
    }
}
