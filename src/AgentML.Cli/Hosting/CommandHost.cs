using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AgentML.Cli.Hosting;

/// <summary>
/// The services a command needs: logging to stderr (warnings by default, information with --verbose), a clock and
/// a token that Ctrl+C cancels. Small and shared by commands.
/// </summary>
internal sealed class CommandHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _cancel;

    public CommandHost(bool verbose, CancellationToken cancellationToken)
    {
        _services = new ServiceCollection()
            .AddLogging(b => b
                .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                })
                .AddFilter("Microsoft", LogLevel.Warning)
                .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += OnCancel;
    }

    public ILoggerFactory LoggerFactory => _services.GetRequiredService<ILoggerFactory>();

    public TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    /// <summary>Cancelled by Ctrl+C (once; a second Ctrl+C ends the process).</summary>
    public CancellationToken Cancellation => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cancel.Dispose();
        _services.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_cancel.IsCancellationRequested)
        {
            e.Cancel = true;
            _cancel.Cancel();
        }
    }
}
