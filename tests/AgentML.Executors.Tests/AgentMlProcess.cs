using System.Diagnostics;
using System.Text;

namespace AgentML.Executors.Tests;

/// <summary>The built `agentml` (agentml.dll beside the tests) as a real process: the coordinator under test.</summary>
internal sealed class AgentMlProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentMlProcess(IEnumerable<string> args)
    {
        // env --default-signal=INT: a test host started in the background of a non-interactive shell ignores SIGINT,
        // and children inherit that; the coordinator must see Ctrl+C as a user's terminal sends it.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentml.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["COLUMNS"] = "200";
        start.Environment["NO_COLOR"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AgentMlProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end (at most <paramref name="limit"/>); returns the exit code and everything printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(TimeSpan limit, params string[] args)
    {
        using var p = Start(args);
        var code = await p.WaitAsync(limit);
        return (code, p.Output);
    }

    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"agentml did not end within {limit}:\n{Output}");
        }

        _process.WaitForExit(); // drain the output events
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the coordinator dies at once, leaving its Slurm jobs behind.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGINT, as Ctrl+C sends it.</summary>
    public void Interrupt() => SlurmCluster.Run("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
