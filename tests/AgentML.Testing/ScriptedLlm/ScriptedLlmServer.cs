using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentML.Testing.ScriptedLlm;

/// <summary>
/// A scripted OpenAI-compatible chat server on 127.0.0.1 for tests. It answers
/// <c>POST /v1/chat/completions</c> (OpenAI) and <c>POST /openai/deployments/{d}/chat/completions?api-version=..</c>
/// (Azure OpenAI) from a queue of scripted replies, then from <see cref="Responder"/>; every request is recorded.
/// A request nothing answers gets a 500 and is counted in <see cref="UnscriptedCount"/>.
/// </summary>
public sealed partial class ScriptedLlmServer : IAsyncDisposable, IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScriptedReply> _queue = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly Task _loop;
    private int _unscripted;

    private ScriptedLlmServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:port/ — the Azure endpoint.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>http://127.0.0.1:port/v1 — the OpenAI-compatible base URL.</summary>
    public string OpenAIBaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>Answers requests once the queue is empty; return null to leave a request unscripted.</summary>
    public Func<ScriptedRequest, ScriptedReply?>? Responder { get; set; }

    /// <summary>Recorded requests, in arrival order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public int UnscriptedCount => Volatile.Read(ref _unscripted);

    /// <summary>Starts a server on a free port of 127.0.0.1.</summary>
    public static ScriptedLlmServer Start(Func<ScriptedRequest, ScriptedReply?>? responder = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new ScriptedLlmServer(listener, port) { Responder = responder };
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Queues replies, answered first-in first-out before <see cref="Responder"/> is asked.</summary>
    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _queue.Enqueue(reply);
        }
    }

    public int Pending => _queue.Count;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
            await Task.WhenAll(_inFlight.Keys);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var task = HandleAsync(context);
            _inFlight[task] = true;
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = await RecordAsync(context.Request);
            var reply = Route(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stop.Token);
            }

            await WriteAsync(context.Response, reply, request);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away (e.g. it timed out) or the server is stopping.
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private async Task<ScriptedRequest> RecordAsync(HttpListenerRequest raw)
    {
        using var reader = new StreamReader(raw.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(_stop.Token);
        var headers = raw.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => raw.Headers[k] ?? "");
        var path = raw.Url?.AbsolutePath ?? "/";
        var azure = AzurePath().Match(path);
        lock (_requests)
        {
            var request = new ScriptedRequest
            {
                Index = _requests.Count,
                Method = raw.HttpMethod,
                Path = path,
                Query = (raw.Url?.Query ?? "").TrimStart('?'),
                Headers = headers,
                Body = body,
                Deployment = azure.Success ? Uri.UnescapeDataString(azure.Groups["d"].Value) : null,
            };
            _requests.Add(request);
            return request;
        }
    }

    private ScriptedReply Route(ScriptedRequest request)
    {
        var known = request.Method == "POST" && (request.Path.EndsWith("/v1/chat/completions", StringComparison.Ordinal) || request.IsAzure);
        if (known && _queue.TryDequeue(out var queued))
        {
            return queued;
        }

        if (known && Responder?.Invoke(request) is { } answer)
        {
            return answer;
        }

        Interlocked.Increment(ref _unscripted);
        return new ScriptedReply
        {
            Status = known ? 500 : 404,
            Body = _ => $$$"""{"error":{"message":"scripted server: no reply scripted for {{{request.Method}}} {{{request.Path}}}","type":"unscripted"}}""",
            Kind = "unscripted",
        };
    }

    private static async Task WriteAsync(HttpListenerResponse response, ScriptedReply reply, ScriptedRequest request)
    {
        response.StatusCode = reply.Status;
        response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers)
        {
            response.AddHeader(name, value);
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Body(request));
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    [GeneratedRegex("^/openai/deployments/(?<d>[^/]+)/chat/completions$")]
    private static partial Regex AzurePath();
}
