using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentML.Sandbox.Tests;

/// <summary>
/// A Docker engine on a unix socket that misbehaves the way a real one sometimes does after a container exited:
/// the attach stream stays open without data and the wait call never answers, while inspect says "exited (0)".
/// Enough of the HTTP API for <see cref="Docker.DockerSandbox"/>: version, image inspect, list, create, attach,
/// start, wait, inspect, kill, remove.
/// </summary>
internal sealed partial class FakeDockerEngine : IAsyncDisposable
{
    private const string ContainerId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Socket> _clients = [];

    public FakeDockerEngine(string socketPath)
    {
        SocketPath = socketPath;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Requests seen, as "METHOD /path" without the API version.</summary>
    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    [GeneratedRegex(@"^(?:/v[0-9.]+)?(/[^?]*)")]
    private static partial Regex PathPattern();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            using var stream = new NetworkStream(client, ownsSocket: false);
            if (await ReadRequestAsync(stream) is { } request)
            {
                var path = PathPattern().Match(request.Target).Groups[1].Value;
                lock (Requests)
                {
                    Requests.Add($"{request.Method} {path}");
                }

                var (status, body) = (request.Method, path) switch
                {
                    ("GET", "/version") => (200, """{"Version":"fake","ApiVersion":"1.41","Os":"linux","Arch":"amd64"}"""),
                    ("GET", var p) when p.StartsWith("/images/", StringComparison.Ordinal) => (200, """{"Id":"sha256:fake","Config":{"User":"sandbox"}}"""),
                    ("GET", "/containers/json") => (200, "[]"),
                    ("POST", "/containers/create") => (201, $$"""{"Id":"{{ContainerId}}","Warnings":[]}"""),
                    ("POST", var p) when p.EndsWith("/attach", StringComparison.Ordinal) => (101, ""),
                    ("POST", var p) when p.EndsWith("/wait", StringComparison.Ordinal) => (-1, ""),
                    ("GET", var p) when p.EndsWith("/json", StringComparison.Ordinal) =>
                        (200, $$$"""{"Id":"{{{ContainerId}}}","State":{"Status":"exited","Running":false,"OOMKilled":false,"ExitCode":0,"Pid":0}}"""),
                    _ => (204, ""),
                };
                if (status == 101)
                {
                    // Hijacked: the stream stays open and silent, as if the engine forgot to close it.
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n");
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                if (status == -1)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token); // the wait call never answers
                }

                var bytes = Encoding.UTF8.GetByteCount(body);
                var reason = status switch { 200 => "OK", 201 => "Created", _ => "No Content" };
                await WriteAsync(stream, $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n{body}");
                client.Shutdown(SocketShutdown.Both);
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client or the test went away.
        }
        catch (Exception ex)
        {
            lock (Requests)
            {
                Requests.Add("fake engine error: " + ex);
            }
        }
    }

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    private static async Task<(string Method, string Target)?> ReadRequestAsync(Stream stream)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(stream);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0 && lines.Count > 0)
            {
                break;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        if (headers.TryGetValue("content-length", out var length))
        {
            await stream.ReadExactlyAsync(new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var n = Convert.ToInt32((await ReadLineAsync(stream) ?? "0").Trim(), 16);
                await stream.ReadExactlyAsync(new byte[n + 2]);
                if (n == 0)
                {
                    break;
                }
            }
        }

        return (parts[0], parts[1]);
    }

    /// <summary>One line without its CR LF; null at the end of the stream.</summary>
    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}
